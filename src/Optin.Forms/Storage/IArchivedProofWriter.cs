using NodaTime;
using Optin.Forms.Retention;

namespace Optin.Forms.Storage;

/// <summary>
/// The intermediate archive of consent proofs, part of an <see cref="IOptinTransaction"/> (RET-4): one proof per contact,
/// kept until its keep-until instant.
/// </summary>
public interface IArchivedProofWriter
{
    /// <summary>Stores an archived consent proof, replacing the one of the same contact if any.</summary>
    /// <param name="proof">The proof.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask SaveAsync(ArchivedProof proof, CancellationToken cancellationToken);

    /// <summary>The archived proof of <paramref name="contactId"/>, or <see langword="null"/> (expired ones included until purged).</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<ArchivedProof?> FindAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> archived proofs whose keep-until is at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="maxCount">The most proofs deleted by this call (the sweep works in batches).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many proofs were deleted.</returns>
    ValueTask<int> DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken);
}
