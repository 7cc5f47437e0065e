using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Rights;

/// <summary>What an erasure removed and what it kept, and why (DSR-2).</summary>
public sealed record ErasureReport
{
    /// <summary>The erased contact's id (it stays on the tombstone, which holds no personal data).</summary>
    public required Guid ContactId { get; init; }

    /// <summary>When the erasure was committed.</summary>
    public required Instant ErasedAt { get; init; }

    /// <summary>
    /// How many of each kind were removed: <c>contact</c>, <c>fields</c>, <c>tags</c>, <c>optins</c>, <c>submissions</c>,
    /// <c>ledgerEntries</c>, <c>tokens</c>, <c>jobsCancelled</c>, <c>pickupFiles</c> (the <c>.eml</c> files of the
    /// person's emails deleted from the pickup directory; 0 with another sender).
    /// </summary>
    public required ImmutableSortedDictionary<string, long> Removed { get; init; }

    /// <summary>What was kept, each with its reason.</summary>
    public required ImmutableArray<ErasureKept> Kept { get; init; }

    /// <summary>
    /// #15 item B (Access): those the person's data was disclosed to, from the job history (fixed-address emails such as
    /// the sales notification, webhooks), so that the controller can tell each of them about the erasure (GDPR Art. 19).
    /// The person's own address is not listed: writing to them is no disclosure.
    /// </summary>
    public ImmutableArray<Disclosure> DisclosedTo { get; init; } = [];
}
