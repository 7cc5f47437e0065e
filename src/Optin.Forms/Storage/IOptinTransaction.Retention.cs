using NodaTime;
using Optin.Forms.Retention;

namespace Optin.Forms.Storage;

/// <content>
/// RET-4 (issue #15 point 6): the retention of what the library itself keeps (finished jobs, erasure tombstones) and
/// the intermediate archive of consent proofs.
/// </content>
public partial interface IOptinTransaction
{
    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> finished jobs (<see cref="Jobs.JobStatus.Done"/>,
    /// <see cref="Jobs.JobStatus.Skipped"/>, <see cref="Jobs.JobStatus.Cancelled"/>, <see cref="Jobs.JobStatus.DeadLettered"/>)
    /// whose <see cref="Jobs.JobRecord.FinishedAt"/> is before <paramref name="finishedBefore"/>, oldest first. Pending and
    /// running jobs are never deleted.
    /// </summary>
    /// <returns>How many jobs were deleted.</returns>
    ValueTask<int> DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> erasure tombstones (ledger entries of kind
    /// <see cref="Consent.ConsentEventKind.Erased"/>) that occurred before <paramref name="erasedBefore"/>, oldest first.
    /// No other ledger entry is ever deleted by this.
    /// </summary>
    /// <returns>How many tombstones were deleted.</returns>
    ValueTask<int> DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Stores an archived consent proof, replacing the one of the same contact if any.</summary>
    ValueTask SaveArchivedProofAsync(ArchivedProof proof, CancellationToken cancellationToken);

    /// <summary>The archived proof of <paramref name="contactId"/>, or <see langword="null"/> (expired ones included until purged).</summary>
    ValueTask<ArchivedProof?> FindArchivedProofAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> archived proofs whose keep-until is at or before <paramref name="now"/>.</summary>
    /// <returns>How many proofs were deleted.</returns>
    ValueTask<int> DeleteExpiredArchivedProofsAsync(Instant now, int maxCount, CancellationToken cancellationToken);
}
