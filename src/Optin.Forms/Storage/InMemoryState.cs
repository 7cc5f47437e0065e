using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>An immutable snapshot of everything the in-memory store holds; a transaction builds the next one.</summary>
internal sealed record InMemoryState
{
    public static InMemoryState Empty { get; } = new();

    public ImmutableDictionary<Guid, Contact> Contacts { get; init; } = ImmutableDictionary<Guid, Contact>.Empty;

    public ImmutableDictionary<string, Guid> ContactIdsByKey { get; init; } = ImmutableDictionary<string, Guid>.Empty;

    public ImmutableDictionary<Guid, ImmutableList<ConsentEvent>> LedgerByContact { get; init; } =
        ImmutableDictionary<Guid, ImmutableList<ConsentEvent>>.Empty;

    public ImmutableHashSet<Guid> EventIds { get; init; } = [];

    public long LastSequence { get; init; }

    public ImmutableDictionary<Guid, SubmissionRecord> Submissions { get; init; } = ImmutableDictionary<Guid, SubmissionRecord>.Empty;

    public ImmutableDictionary<Guid, JobRecord> Jobs { get; init; } = ImmutableDictionary<Guid, JobRecord>.Empty;

    /// <summary>Job ids in creation order (the queue's tie-break between jobs due at the same instant).</summary>
    public ImmutableList<Guid> JobOrder { get; init; } = [];

    public ImmutableDictionary<string, TokenRecord> Tokens { get; init; } = ImmutableDictionary<string, TokenRecord>.Empty;

    public ImmutableDictionary<string, SuppressionEntry> Suppressions { get; init; } = ImmutableDictionary<string, SuppressionEntry>.Empty;

    public ImmutableDictionary<string, (long Value, Instant ExpiresAt)> Counters { get; init; } =
        ImmutableDictionary<string, (long Value, Instant ExpiresAt)>.Empty;

    public IEnumerable<Contact> Query(ContactQuery query) =>
        Contacts.Values.Where(query.Matches).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
}
