using NodaTime;

namespace Optin.Forms.Storage;

/// <content>Write-once settings the engine keeps in the store, and the clean-up of expired counters.</content>
public partial interface IOptinTransaction
{
    /// <summary>
    /// The value stored under <paramref name="name"/>; when there is none, stores the value <paramref name="create"/>
    /// returns, with this transaction. Settings are write-once: of transactions racing to add one (on one host or on
    /// several sharing the database), the first to commit wins and every other one gets the value it stored, so every
    /// host ends up with the same value (CFG-6: a generated key is kept, not derived).
    /// </summary>
    /// <remarks>
    /// Stores may cache a value once a transaction that read or added it committed: a setting never changes.
    /// </remarks>
    /// <returns>The stored value.</returns>
    ValueTask<string> GetOrAddSettingAsync(string name, Func<string> create, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the counters (<see cref="IncrementCounterAsync"/>) whose expiry is at or before <paramref name="now"/>:
    /// they read as zero already, so nothing changes but the space they held (rate limits key one per IP address, ABU-6).
    /// </summary>
    /// <returns>How many counters were deleted.</returns>
    ValueTask<int> DeleteExpiredCountersAsync(Instant now, CancellationToken cancellationToken);
}
