using NodaTime;

namespace Optin.Forms.Storage;

/// <summary>The counters part of an <see cref="IOptinTransaction"/>: expiring counters for send caps and rate limits.</summary>
public interface ICounterWriter
{
    /// <summary>
    /// Adds one to the counter <paramref name="key"/> (send caps, DOI-7). A counter past its expiry starts again from
    /// zero with the new <paramref name="expiresAt"/>. Atomic: of concurrent transactions incrementing one counter,
    /// each gets a distinct value (a cap is checked against the returned value, not read before).
    /// </summary>
    /// <param name="key">The counter.</param>
    /// <param name="now">The current instant (decides whether the counter expired).</param>
    /// <param name="expiresAt">The expiry a new or restarted counter gets.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new value.</returns>
    ValueTask<long> IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>The counter's value at <paramref name="now"/> (zero when absent or expired).</summary>
    /// <param name="key">The counter.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<long> GetAsync(string key, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="amount"/> to the counter <paramref name="key"/>, like <see cref="IncrementAsync"/> adds one
    /// (the daily figures of A/B variants, written by the minute). The default calls <see cref="IncrementAsync"/>
    /// <paramref name="amount"/> times; a store overrides it with one statement.
    /// </summary>
    /// <param name="key">The counter.</param>
    /// <param name="amount">What to add (at least 1).</param>
    /// <param name="now">The current instant (decides whether the counter expired).</param>
    /// <param name="expiresAt">The expiry a new or restarted counter gets.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new value.</returns>
    async ValueTask<long> AddAsync(string key, long amount, Instant now, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        long value = 0;
        for (var i = 0; i < amount; i++)
        {
            value = await IncrementAsync(key, now, expiresAt, cancellationToken);
        }

        return value;
    }

    /// <summary>
    /// Deletes the counters whose expiry is at or before <paramref name="now"/>: they read as zero already, so nothing
    /// changes but the space they held (rate limits key one per IP address, ABU-6).
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many counters were deleted.</returns>
    ValueTask<int> DeleteExpiredAsync(Instant now, CancellationToken cancellationToken);
}
