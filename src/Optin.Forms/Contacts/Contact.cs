using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Contacts;

/// <summary>A person known by an email address, with an opt-in state per purpose.</summary>
/// <remarks>Immutable: a change is a new instance written back in a store transaction.</remarks>
public sealed record Contact
{
    // Shared empty collections: each contact used to build its own (two objects each, kept for the contact's life).
    private static readonly ImmutableDictionary<string, PurposeOptin> NoOptins =
        ImmutableDictionary.Create<string, PurposeOptin>(StringComparer.OrdinalIgnoreCase);

    private static readonly ImmutableSortedSet<string> NoTags = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The contact's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Lead, contact or account.</summary>
    public ContactKind Kind { get; init; } = ContactKind.Lead;

    /// <summary>The address mail is sent to (domain in ASCII, lower case).</summary>
    public required string Email { get; init; }

    /// <summary>The comparison key of the address; one contact per key (see <see cref="Submissions.NormalizedEmail"/>).</summary>
    public required string EmailKey { get; init; }

    /// <summary>Field values given on forms or by hand, by field name.</summary>
    public ImmutableDictionary<string, string> Fields { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Opt-in per purpose id (case-insensitive); a purpose absent here is <see cref="OptinState.None"/>.</summary>
    public ImmutableDictionary<string, PurposeOptin> Optins { get; init; } = NoOptins;

    /// <summary>Tags set by rules or by hand.</summary>
    public ImmutableSortedSet<string> Tags { get; init; } = NoTags;

    /// <summary>
    /// Whether the person objected to direct marketing (GDPR Art. 21(2)). It blocks every marketing purpose and no
    /// rule, manual change or bulk change can lift it (WD-6); only the person's own new consent on a form does.
    /// </summary>
    public bool ObjectedToMarketing { get; init; }

    /// <summary>
    /// Whether processing is restricted (GDPR Art. 18): while set, the person's jobs are skipped, rules do not fire for
    /// them, manual and bulk opt-ins leave them alone and no email goes to them. Set and cleared with an entry in the
    /// ledger (see <see cref="Rights.PersonalDataService.SetRestrictionAsync"/>).
    /// </summary>
    public bool ProcessingRestricted { get; init; }

    /// <summary>When the contact was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the contact last changed.</summary>
    public required Instant UpdatedAt { get; init; }

    /// <summary>The person's last active contact (a submission, a confirmation); retention counts from here.</summary>
    public required Instant LastActivityAt { get; init; }

    /// <summary>The opt-in state for <paramref name="purposeId"/>.</summary>
    public OptinState GetState(string purposeId) =>
        Optins.TryGetValue(purposeId, out var optin) ? optin.State : OptinState.None;

    /// <summary>Returns a copy whose opt-in for <paramref name="purposeId"/> is <paramref name="state"/> as of <paramref name="at"/>.</summary>
    public Contact WithOptin(string purposeId, OptinState state, Instant at) =>
        this with { Optins = Optins.SetItem(purposeId, new PurposeOptin(state, at)), UpdatedAt = at };
}
