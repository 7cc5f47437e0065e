using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.Retention;

/// <summary>The suppression list's role after erasure and at import (RET-3).</summary>
/// <remarks>
/// An erased address leaves an entry whose <see cref="SuppressionEntry.ExpiresAt"/> is the erasure instant: it blocks
/// no mail (the person may come back through a form and confirm a new double opt-in), but an import skips the address
/// while no contact holds it. An entry still in force (for example "this was not me", DOI-9) is never shortened.
/// </remarks>
internal static class ErasureSuppression
{
    public const string ErasedReason = "erased";

    public static async ValueTask KeepAfterErasureAsync(IOptinTransaction tx, string addressHash, string reason, Instant now,
        CancellationToken cancellationToken)
    {
        if (await tx.FindSuppressionAsync(addressHash, cancellationToken) is { } existing && existing.ExpiresAt > now)
        {
            return;
        }

        await tx.SaveSuppressionAsync(new SuppressionEntry(addressHash, reason, now, now), cancellationToken);
    }

    /// <summary>Whether an import must skip the address: an entry in force, or any entry and no contact holding it.</summary>
    public static bool BlocksImport(SuppressionEntry? entry, bool contactExists, Instant now) =>
        entry is not null && (entry.ExpiresAt > now || !contactExists);
}
