using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.Retention;

/// <summary>The suppression entry an erasure leaves (RET-3), shared by the erasure service and the retention sweeper.</summary>
/// <remarks>
/// The entry (reason <see cref="SuppressionReasons.Erased"/>) blocks marketing mail only, until
/// <c>DoubleOptin:SuppressAfterErasure</c> has passed or a new double opt-in lifts it, so the person can come back
/// through a form. An import skips the address while the entry is in force, or while no contact holds it. An entry in
/// force that blocks all mail (for example "this was not me", DOI-9) is kept as it is; it is never shortened.
/// </remarks>
internal static class ErasureSuppression
{
    public static async ValueTask<Instant> KeepAfterErasureAsync(IOptinTransaction tx, string addressHash, Instant now, Instant until,
        CancellationToken cancellationToken)
    {
        if (await tx.Suppression.FindAsync(addressHash, cancellationToken) is { } existing && existing.ExpiresAt > now
            && (existing.ExpiresAt >= until || !SuppressionReasons.OnlyMarketing(existing)))
        {
            return existing.ExpiresAt;
        }

        await tx.Suppression.SaveAsync(new SuppressionEntry(addressHash, SuppressionReasons.Erased, now, until), cancellationToken);
        return until;
    }

    /// <summary>Whether an import must skip the address: an entry in force, or any entry and no contact holding it.</summary>
    public static bool BlocksImport(SuppressionEntry? entry, bool contactExists, Instant now) =>
        entry is not null && (entry.ExpiresAt > now || !contactExists);
}
