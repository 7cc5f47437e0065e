using Optin.Forms.Consent;

namespace Optin.Forms.Contacts;

/// <summary>A set-based opt-in change a store applies to every contact matching a query, in one transaction.</summary>
/// <param name="PurposeId">The purpose whose state changes.</param>
/// <param name="State">The new state. Contacts already in it are left alone and get no ledger entry.</param>
/// <param name="SkipObjected">Whether contacts who objected to direct marketing are left alone (always, for marketing purposes: WD-6).</param>
/// <param name="EventTemplate">
/// The ledger entry written for each changed contact; the store sets <see cref="ConsentEvent.Id"/> (a new one per
/// contact) and <see cref="ConsentEvent.ContactId"/>.
/// </param>
public sealed record BulkOptinChange(string PurposeId, OptinState State, bool SkipObjected, ConsentEvent EventTemplate)
{
    /// <summary>
    /// When set, the pending jobs about the changed contacts and <see cref="PurposeId"/> are cancelled with this
    /// reason, set-based in the same statements (a withdrawal: WD-4). Null leaves jobs alone.
    /// </summary>
    public string? CancelJobsReason { get; init; }

    /// <summary>
    /// Whether contacts who withdrew <see cref="PurposeId"/> are left alone: set for an opt-in to a marketing purpose, which
    /// only the person's own new double opt-in can give back after a withdrawal (RET-3).
    /// </summary>
    public bool SkipWithdrawn { get; init; }

    /// <summary>
    /// When set, the store calls it after each batch it applied, inside the transaction, with the contacts that batch
    /// changed and their state before; the ids are streamed batch by batch, never all held at once. Null (the fast
    /// path) makes the store return no ids at all.
    /// </summary>
    public Func<IReadOnlyList<BulkOptinChanged>, CancellationToken, ValueTask>? OnChanged { get; init; }
}
