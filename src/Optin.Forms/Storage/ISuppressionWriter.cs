using Optin.Forms.DoubleOptin;

namespace Optin.Forms.Storage;

/// <summary>The suppression list part of an <see cref="IOptinTransaction"/>, keyed by address hash.</summary>
public interface ISuppressionWriter
{
    /// <summary>Adds or replaces a suppression entry (keyed by <see cref="SuppressionEntry.AddressHash"/>).</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken);

    /// <summary>The suppression entry for this address hash, or <see langword="null"/> (expired entries included).</summary>
    /// <param name="addressHash">The address hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<SuppressionEntry?> FindAsync(string addressHash, CancellationToken cancellationToken);
}
