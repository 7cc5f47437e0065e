using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <summary>
/// The job queue part of an <see cref="IOptinTransaction"/> (the outbox): jobs are written with the events that cause
/// them, and become visible to workers (<see cref="IJobStore"/>) only on commit.
/// </summary>
public interface IJobWriter
{
    /// <summary>Adds a job to the durable queue; it becomes visible to workers on commit (invariant 3).</summary>
    /// <remarks>Jobs due at the same instant are claimed in the order they were enqueued.</remarks>
    /// <param name="job">The job, pending.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">A job with this id exists.</exception>
    ValueTask EnqueueAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the pending jobs about <paramref name="contactId"/> and, when given, <paramref name="purposeId"/> (jobs
    /// without a purpose are cancelled only when <paramref name="purposeId"/> is null); WD-4.
    /// </summary>
    /// <remarks>Running and finished jobs are left alone; calling it twice cancels nothing the second time.</remarks>
    /// <param name="contactId">The contact.</param>
    /// <param name="purposeId">The purpose, or null for every pending job of the contact.</param>
    /// <param name="reason">Stored as the jobs' last error.</param>
    /// <param name="at">Stored as the jobs' finish instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many jobs were cancelled.</returns>
    ValueTask<int> CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a running job to a final status if <paramref name="leaseOwner"/> still holds its lease, as part of this
    /// transaction: the runner writes the "email sent" ledger entry with it, so that both commit or neither (DOI-10).
    /// Same rules as <see cref="IJobStore.CompleteJobAsync"/>.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="leaseOwner">The worker that claimed it.</param>
    /// <param name="status">A final status.</param>
    /// <param name="reason">Why (stored as the last error), or null.</param>
    /// <param name="at">The finish instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the job was updated (false when the lease was lost).</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not a final status.</exception>
    ValueTask<bool> CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at, CancellationToken cancellationToken);
}
