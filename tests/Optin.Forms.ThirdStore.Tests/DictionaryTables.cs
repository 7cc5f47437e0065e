using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Submissions;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>
/// Everything <see cref="DictionaryStore"/> holds. A committed instance is never changed: a transaction works on a
/// copy and replaces the committed one at commit, so readers need no lock and a rollback is dropping the copy.
/// </summary>
internal sealed class DictionaryTables
{
    public Dictionary<Guid, Contact> Contacts { get; private init; } = [];

    /// <summary>The whole ledger, in append order.</summary>
    public List<ConsentEvent> Ledger { get; private init; } = [];

    public long LastSequence { get; set; }

    public Dictionary<Guid, ChainHead> ChainHeads { get; private init; } = [];

    public Dictionary<Guid, SubmissionRecord> Submissions { get; private init; } = [];

    /// <summary>The jobs, in creation order.</summary>
    public List<JobRecord> Jobs { get; private init; } = [];

    /// <summary>The tokens, in issue order.</summary>
    public List<TokenRecord> Tokens { get; private init; } = [];

    public Dictionary<string, SuppressionEntry> Suppression { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, (long Value, Instant ExpiresAt)> Counters { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Settings { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, ArchivedContent> Content { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>The evidence reads, in append order.</summary>
    public List<EvidenceAccess> AccessLog { get; private init; } = [];

    public Dictionary<Guid, ArchivedProof> ArchivedProofs { get; private init; } = [];

    /// <summary>A copy to write to (records are immutable, so copying the collections is enough).</summary>
    public DictionaryTables Copy() => new()
    {
        Contacts = new(Contacts),
        Ledger = [.. Ledger],
        LastSequence = LastSequence,
        ChainHeads = new(ChainHeads),
        Submissions = new(Submissions),
        Jobs = [.. Jobs],
        Tokens = [.. Tokens],
        Suppression = new(Suppression, StringComparer.Ordinal),
        Counters = new(Counters, StringComparer.Ordinal),
        Settings = new(Settings, StringComparer.Ordinal),
        Content = new(Content, StringComparer.Ordinal),
        AccessLog = [.. AccessLog],
        ArchivedProofs = new(ArchivedProofs),
    };
}
