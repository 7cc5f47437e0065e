using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>
/// The operator's side of the durable job queue (the back office's jobs page): its health, the dead letters with their
/// reason, the recent mail failures, and putting a dead letter back in the queue or discarding it. Each operation is
/// atomic on its own.
/// </summary>
/// <remarks>
/// A mail failure is a job whose last attempt failed with a delivery error (<see cref="JobRecord.LastError"/> starting
/// with <c>MailDeliveryException</c> or <c>Permanent delivery failure</c>, or a dead letter given up after attempts that
/// ended with <c>MailDeliveryException</c>) and that is still pending (to be retried) or dead-lettered.
/// </remarks>
public interface IJobQueueAdmin
{
    /// <summary>Counts the due, scheduled, running and dead-lettered jobs at <paramref name="now"/>, with the oldest due instant.</summary>
    ValueTask<QueueHealth> GetHealthAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the dead-lettered jobs, most recently given up first (then the newest job first): skips
    /// <paramref name="offset"/> and returns at most <paramref name="maxCount"/>.
    /// </summary>
    ValueTask<IReadOnlyList<JobRecord>> ListDeadLettersAsync(int offset, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="maxCount"/> jobs whose last attempt failed with a mail error, the latest first (by the
    /// instant they were given up or, for a job still retried, its next due instant).
    /// </summary>
    ValueTask<IReadOnlyList<JobRecord>> ListMailFailuresAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a dead-lettered job back in the queue: pending, due at <paramref name="dueAt"/>, its attempts reset to zero
    /// (so the runner gives it the whole retry budget again), <see cref="JobRecord.FinishedAt"/> cleared and
    /// <paramref name="note"/> as its last error.
    /// </summary>
    /// <returns>Whether the job was dead-lettered and is now pending (false: no such job, or not dead-lettered).</returns>
    ValueTask<bool> RequeueDeadLetterAsync(Guid jobId, Instant dueAt, string note, CancellationToken cancellationToken);

    /// <summary>
    /// Discards a dead-lettered job: it becomes <see cref="JobStatus.Cancelled"/>, finished at <paramref name="at"/>, with
    /// <paramref name="note"/> as its last error. The row stays (the job history names recipients for GDPR Art. 19).
    /// </summary>
    /// <returns>Whether the job was dead-lettered and is now cancelled.</returns>
    ValueTask<bool> DiscardDeadLetterAsync(Guid jobId, Instant at, string note, CancellationToken cancellationToken);
}
