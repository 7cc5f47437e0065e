namespace Optin.Forms.Jobs;

/// <summary>
/// Wakes the local job worker at once, instead of at its next poll, when a committed transaction has queued a job that
/// is due now: a double opt-in email then leaves within milliseconds of the sign-up.
/// </summary>
/// <remarks>
/// The in-memory and EF Core stores raise it after a successful commit that enqueued a job due at once (and on
/// PostgreSQL, a listener raises it when another host's commit did). A store of your own may call <see cref="Raise"/>
/// after such a commit too; without it, the worker still finds the job at its next poll
/// (<see cref="JobOptions.PollInterval"/>). A wake-up is only a hint: the claim under a lease is what keeps a job from
/// running twice, so a spurious or repeated <see cref="Raise"/> costs one claim and nothing else.
/// </remarks>
public sealed class JobSignal
{
    private int _pending;
    private TaskCompletionSource? _waiter;

    /// <summary>
    /// Whether queuing <paramref name="job"/> calls for a wake-up: it is due as soon as it is created (a double opt-in
    /// email), not later (a reminder). A store notes it when the job is enqueued and calls <see cref="Raise"/> after the commit.
    /// </summary>
    /// <param name="job">The job being enqueued.</param>
    /// <returns>True when the job is due at its creation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
    public static bool IsDueAtOnce(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.DueAt <= job.CreatedAt;
    }

    /// <summary>Says that a job may be due now; call it after the commit that made the job visible, never before.</summary>
    public void Raise()
    {
        Volatile.Write(ref _pending, 1);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    /// <summary>Forgets earlier wake-ups: called just before a claim, which sees every commit made before it.</summary>
    internal void Reset() => Volatile.Write(ref _pending, 0);

    /// <summary>A task that completes at the next <see cref="Raise"/>, or at once if one came since the last <see cref="Reset"/>.</summary>
    internal Task WaitAsync()
    {
        var waiter = Volatile.Read(ref _waiter);
        if (waiter is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _waiter, fresh, null) ?? fresh;
        }

        // Checked after publishing the waiter: a Raise in between either sees the waiter or left the flag set.
        return Interlocked.Exchange(ref _pending, 0) == 1 ? Task.CompletedTask : waiter.Task;
    }
}
