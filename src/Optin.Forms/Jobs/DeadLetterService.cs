using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.Jobs;

/// <summary>
/// Retries or discards a dead-lettered job on an operator's word (the back office's jobs page), recording who and why in
/// the job's last error. A retry is due at once with its attempts reset: the job gets the whole retry budget again, as
/// if it were new (otherwise a job given up after the attempt limit would be given up again at its first failure).
/// </summary>
internal sealed class DeadLetterService(IOptinStore store, IClock clock, JobSignal signal)
{
    /// <summary>Puts the dead letter back in the queue, due now, and wakes the worker.</summary>
    /// <returns>Whether the job was dead-lettered (false: gone, or already retried or discarded).</returns>
    /// <exception cref="ArgumentException">The actor or reason is empty.</exception>
    public async ValueTask<bool> RetryAsync(Guid jobId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var retried = await store.JobQueue.RequeueDeadLetterAsync(jobId, clock.GetCurrentInstant(), $"Retried by {actor}: {reason.Trim()}",
            cancellationToken);
        if (retried)
        {
            signal.Raise();
        }

        return retried;
    }

    /// <summary>Discards the dead letter (cancelled; its row and former reason stay in the job history).</summary>
    /// <returns>Whether the job was dead-lettered.</returns>
    /// <exception cref="ArgumentException">The actor or reason is empty.</exception>
    public async ValueTask<bool> DiscardAsync(Guid jobId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var job = await store.Jobs.FindJobAsync(jobId, cancellationToken);
        if (job is not { Status: JobStatus.DeadLettered })
        {
            return false;
        }

        var note = $"Discarded by {actor}: {reason.Trim()} (dead-lettered: {job.LastError})";
        return await store.JobQueue.DiscardDeadLetterAsync(jobId, clock.GetCurrentInstant(), note, cancellationToken);
    }
}
