namespace Optin.Forms.Storage;

/// <summary>The settings part of an <see cref="IOptinTransaction"/>: write-once values the engine keeps in the store.</summary>
public interface ISettingWriter
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
    /// <param name="name">The setting.</param>
    /// <param name="create">Makes the value when there is none (not called when there is one).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored value.</returns>
    ValueTask<string> GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken);
}
