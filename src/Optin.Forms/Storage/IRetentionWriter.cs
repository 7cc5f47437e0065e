using NodaTime;

namespace Optin.Forms.Storage;

/// <summary>
/// The retention part of an <see cref="IOptinTransaction"/> (RET-4): purges of what the library keeps about its own
/// work, finished jobs and erasure tombstones. Nothing else is ever deleted through it.
/// </summary>
public interface IRetentionWriter
{
    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> finished jobs (<see cref="Jobs.JobStatus.Done"/>,
    /// <see cref="Jobs.JobStatus.Skipped"/>, <see cref="Jobs.JobStatus.Cancelled"/>, <see cref="Jobs.JobStatus.DeadLettered"/>)
    /// whose <see cref="Jobs.JobRecord.FinishedAt"/> is before <paramref name="finishedBefore"/>, oldest first. Pending and
    /// running jobs are never deleted.
    /// </summary>
    /// <param name="finishedBefore">The cut-off (exclusive).</param>
    /// <param name="maxCount">The most jobs deleted by this call (the sweep works in batches).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many jobs were deleted.</returns>
    ValueTask<int> DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> erasure tombstones (ledger entries of kind
    /// <see cref="Consent.ConsentEventKind.Erased"/>) that occurred before <paramref name="erasedBefore"/>, oldest first.
    /// No other ledger entry is ever deleted by this.
    /// </summary>
    /// <remarks>A purged tombstone takes its contact's chain head along, so every remaining chain still verifies (LEDG-1).</remarks>
    /// <param name="erasedBefore">The cut-off (exclusive).</param>
    /// <param name="maxCount">The most tombstones deleted by this call (the sweep works in batches).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many tombstones were deleted.</returns>
    ValueTask<int> DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken);
}
