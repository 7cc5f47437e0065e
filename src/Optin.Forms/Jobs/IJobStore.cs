using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>
/// The worker's side of the durable job queue. Jobs are enqueued through <see cref="Storage.IOptinTransaction"/>; each
/// operation here is atomic on its own.
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> jobs that are due (pending with <see cref="JobRecord.DueAt"/> at or before
    /// <paramref name="now"/>, or running with an expired lease), oldest due first: each becomes
    /// <see cref="JobStatus.Running"/> under a lease for <paramref name="leaseOwner"/> and its attempt count grows by one.
    /// </summary>
    /// <returns>The claimed jobs, as they are after the claim.</returns>
    ValueTask<IReadOnlyList<JobRecord>> ClaimDueJobsAsync(string leaseOwner, Instant now, Duration lease, int maxCount,
        CancellationToken cancellationToken);

    /// <summary>
    /// Moves a running job to a final status (<see cref="JobStatus.Done"/>, <see cref="JobStatus.Skipped"/> or
    /// <see cref="JobStatus.DeadLettered"/>) if <paramref name="leaseOwner"/> still holds its lease.
    /// </summary>
    /// <returns>Whether the job was updated (false when the lease was lost).</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not a final status.</exception>
    ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of a running job to <paramref name="now"/> + <paramref name="lease"/> if
    /// <paramref name="leaseOwner"/> still holds it (no other worker claimed the job since, even if the lease lapsed);
    /// the attempt count stays as it is. The runner calls it before running a job whose lease is half gone, so that no
    /// other worker claims the job while it runs.
    /// </summary>
    /// <returns>Whether the lease was extended (false when it was lost: the job is not to be run).</returns>
    ValueTask<bool> RenewJobLeaseAsync(Guid jobId, string leaseOwner, Instant now, Duration lease, CancellationToken cancellationToken);

    /// <summary>Puts a running job back to pending, due at <paramref name="dueAt"/>, if <paramref name="leaseOwner"/> still holds its lease.</summary>
    /// <returns>Whether the job was updated.</returns>
    ValueTask<bool> RetryJobAsync(Guid jobId, string leaseOwner, Instant dueAt, string reason, CancellationToken cancellationToken);

    /// <summary>The job with this id, or <see langword="null"/>.</summary>
    ValueTask<JobRecord?> FindJobAsync(Guid jobId, CancellationToken cancellationToken);

    /// <summary>Streams the jobs about <paramref name="contactId"/> (every job when null), in creation order.</summary>
    IAsyncEnumerable<JobRecord> ListJobsAsync(Guid? contactId, CancellationToken cancellationToken);
}
