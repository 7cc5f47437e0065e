using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>
/// When the hosted job worker last went round its loop, and whether it keeps up with the queue: what the worker's
/// health check reads (<c>services.AddHealthChecks().AddOptinForms()</c> in Optin.Forms.AspNetCore).
/// </summary>
/// <remarks>
/// The worker goes round its loop after each claim, each finished job, each wake-up and each poll interval, so an idle
/// worker beats every <see cref="JobOptions.PollInterval"/>. A worker whose every slot hangs on a job (a mail server that
/// never answers) stops beating: that, with a job waiting, is a stall.
/// </remarks>
public sealed class JobWorkerHeartbeat
{
    private long _lastLoopTicks = long.MinValue;

    /// <summary>When the worker last went round its loop (on the engine's clock); <see langword="null"/> before it started.</summary>
    public Instant? LastLoopAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastLoopTicks);
            return ticks == long.MinValue ? null : Instant.FromUnixTimeTicks(ticks);
        }
    }

    /// <summary>
    /// How the worker stands: <see cref="JobWorkerCondition.UpToDate"/> while no job has waited
    /// <paramref name="stalledAfter"/> since it fell due; else <see cref="JobWorkerCondition.Behind"/> while the worker
    /// went round its loop within <paramref name="stalledAfter"/> (it runs, but the queue outgrows it), else
    /// <see cref="JobWorkerCondition.Stalled"/> (it stopped, hangs, or never started in this process).
    /// </summary>
    /// <remarks>
    /// When the store does not report its queue (<paramref name="queue"/> null: its <see cref="Storage.IOptinStore.JobQueue"/>
    /// throws <see cref="NotSupportedException"/>), the heartbeat alone decides: <see cref="JobWorkerCondition.UpToDate"/>
    /// while the worker went round its loop within <paramref name="stalledAfter"/>, else <see cref="JobWorkerCondition.Stalled"/>.
    /// </remarks>
    /// <param name="queue">
    /// The queue, as <see cref="IJobQueueAdmin.GetHealthAsync"/> read it at <paramref name="now"/>; <see langword="null"/>
    /// when the store does not report it.
    /// </param>
    /// <param name="now">The engine's clock.</param>
    /// <param name="stalledAfter">How long a due job may wait, and the worker go without a loop, before it counts.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stalledAfter"/> is not positive.</exception>
    public JobWorkerCondition Assess(QueueHealth? queue, Instant now, Duration stalledAfter)
    {
        if (stalledAfter <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(stalledAfter), stalledAfter, "The delay must be positive.");
        }

        var looping = LastLoopAt is { } beat && now - beat < stalledAfter;
        if (queue is null)
        {
            return looping ? JobWorkerCondition.UpToDate : JobWorkerCondition.Stalled;
        }

        if (queue.OldestDueAt is not { } oldest || now - oldest < stalledAfter)
        {
            return JobWorkerCondition.UpToDate;
        }

        return looping ? JobWorkerCondition.Behind : JobWorkerCondition.Stalled;
    }

    /// <summary>The worker went round its loop at <paramref name="at"/>.</summary>
    internal void Beat(Instant at) => Interlocked.Exchange(ref _lastLoopTicks, at.ToUnixTimeTicks());
}
