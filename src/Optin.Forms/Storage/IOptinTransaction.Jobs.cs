using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>Jobs, tokens, suppression, send counters and erasure, written in the same transaction as the events.</content>
public partial interface IOptinTransaction
{
    /// <summary>Adds a job to the durable queue; it becomes visible to workers on commit (invariant 3).</summary>
    /// <exception cref="InvalidOperationException">A job with this id exists.</exception>
    ValueTask EnqueueJobAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the pending jobs about <paramref name="contactId"/> and, when given, <paramref name="purposeId"/> (jobs
    /// without a purpose are cancelled only when <paramref name="purposeId"/> is null); WD-4.
    /// </summary>
    /// <returns>How many jobs were cancelled.</returns>
    ValueTask<int> CancelJobsAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a running job to a final status if <paramref name="leaseOwner"/> still holds its lease, as part of this
    /// transaction: the runner writes the "email sent" ledger entry with it, so that both commit or neither (DOI-10).
    /// Same rules as <see cref="IJobStore.CompleteJobAsync"/>.
    /// </summary>
    /// <returns>Whether the job was updated (false when the lease was lost).</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not a final status.</exception>
    ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at, CancellationToken cancellationToken);

    /// <summary>The tokens issued for <paramref name="contactId"/>, used or not, oldest first (DSR-1, DSR-2).</summary>
    ValueTask<IReadOnlyList<TokenRecord>> ListTokensAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>Stores a new token.</summary>
    /// <exception cref="InvalidOperationException">A token with this hash exists.</exception>
    ValueTask SaveTokenAsync(TokenRecord token, CancellationToken cancellationToken);

    /// <summary>The token with this hash, or <see langword="null"/>.</summary>
    ValueTask<TokenRecord?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used if it was not: atomic, so that of two concurrent transactions exactly one gets
    /// <see langword="true"/> (DOI-4). Stores without serialised transactions use a conditional update.
    /// </summary>
    ValueTask<bool> ConsumeTokenAsync(string tokenHash, Instant at, CancellationToken cancellationToken);

    /// <summary>Marks every unused token of this contact, purpose and kind used; a fresh one is then the only valid one.</summary>
    /// <returns>How many tokens were revoked.</returns>
    ValueTask<int> RevokeTokensAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a suppression entry (keyed by <see cref="SuppressionEntry.AddressHash"/>).</summary>
    ValueTask SaveSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken);

    /// <summary>The suppression entry for this address hash, or <see langword="null"/> (expired entries included).</summary>
    ValueTask<SuppressionEntry?> FindSuppressionAsync(string addressHash, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one to the counter <paramref name="key"/> (send caps, DOI-7). A counter past its expiry starts again from
    /// zero with the new <paramref name="expiresAt"/>. Atomic: of concurrent transactions incrementing one counter,
    /// each gets a distinct value (a cap is checked against the returned value, not read before).
    /// </summary>
    /// <returns>The new value.</returns>
    ValueTask<long> IncrementCounterAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>The counter's value at <paramref name="now"/> (zero when absent or expired).</summary>
    ValueTask<long> GetCounterAsync(string key, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Erases a contact: removes the contact, its submissions, its ledger entries and its tokens, cancels its pending
    /// jobs, and appends <paramref name="tombstone"/> (which holds no personal data, invariant 7).
    /// </summary>
    /// <returns>Whether the contact existed.</returns>
    ValueTask<bool> EraseContactAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken);
}
