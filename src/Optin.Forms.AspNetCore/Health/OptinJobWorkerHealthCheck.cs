using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Health;

/// <summary>
/// Reports whether the job worker keeps up: healthy while no due job has waited longer than the threshold, degraded when
/// one has but the worker still goes round its loop (it is behind), and unhealthy (the registration's failure status)
/// when one has and the worker has not gone round its loop for as long: it stopped, hangs, or never started.
/// </summary>
/// <remarks>
/// The counts of the queue (<see cref="IJobQueueAdmin.GetHealthAsync"/>) come with the result's data (<c>due</c>,
/// <c>scheduled</c>, <c>running</c>, <c>deadLettered</c>, <c>oldestDueAgeSeconds</c>); dead letters alone do not make the
/// worker unhealthy: they wait for a person. A store without <see cref="IOptinStore.JobQueue"/> (it throws
/// <see cref="NotSupportedException"/>) cannot tell whether a job waits: the worker is then judged by its heartbeat alone,
/// healthy while it went round its loop within the threshold, else the failure status, and the description says so.
/// </remarks>
public sealed class OptinJobWorkerHealthCheck : IHealthCheck
{
    /// <summary>The threshold when none is given: 5 minutes.</summary>
    public static readonly TimeSpan DefaultStalledAfter = TimeSpan.FromMinutes(5);

    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly JobWorkerHeartbeat _heartbeat;
    private readonly Duration _stalledAfter;

    /// <summary>Creates the check.</summary>
    /// <param name="store">The store, for the queue's health.</param>
    /// <param name="clock">The engine's clock.</param>
    /// <param name="heartbeat">The worker's heartbeat.</param>
    /// <param name="stalledAfter">How long a due job may wait, and the worker go without a loop, before it counts.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stalledAfter"/> is not positive.</exception>
    public OptinJobWorkerHealthCheck(IOptinStore store, IClock clock, JobWorkerHeartbeat heartbeat, TimeSpan stalledAfter)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stalledAfter, TimeSpan.Zero);
        _store = store;
        _clock = clock;
        _heartbeat = heartbeat;
        _stalledAfter = Duration.FromTimeSpan(stalledAfter);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var now = _clock.GetCurrentInstant();
        QueueHealth? queue;
        try
        {
            queue = await _store.JobQueue.GetHealthAsync(now, cancellationToken);
        }
        catch (NotSupportedException)
        {
            queue = null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"The job queue could not be read: {e.GetType().Name}.", e);
        }

        var data = new Dictionary<string, object>();
        if (_heartbeat.LastLoopAt is { } beat)
        {
            data["lastLoopAgeSeconds"] = Math.Round((now - beat).TotalSeconds, 3);
        }

        var condition = _heartbeat.Assess(queue, now, _stalledAfter);
        if (queue is null)
        {
            const string unknown = "The store does not report its job queue, so the worker is judged by its heartbeat alone";
            return condition == JobWorkerCondition.UpToDate
                ? HealthCheckResult.Healthy($"{unknown}: it went round its loop within {_stalledAfter.ToTimeSpan()}.", data)
                : new HealthCheckResult(failure, _heartbeat.LastLoopAt is null
                    ? $"{unknown}: it has not run in this process."
                    : $"{unknown}: it has not gone round its loop since {_heartbeat.LastLoopAt}.",
                    data: data);
        }

        var waited = queue.OldestDueAt is { } oldest ? (now - oldest).ToTimeSpan() : TimeSpan.Zero;
        data["due"] = queue.Due;
        data["scheduled"] = queue.Scheduled;
        data["running"] = queue.Running;
        data["deadLettered"] = queue.DeadLettered;
        data["oldestDueAgeSeconds"] = Math.Round(waited.TotalSeconds, 3);
        return condition switch
        {
            JobWorkerCondition.UpToDate => HealthCheckResult.Healthy($"{queue.Due} job(s) due; none has waited {_stalledAfter.ToTimeSpan()}.", data),
            JobWorkerCondition.Behind => HealthCheckResult.Degraded(
                $"The job worker runs but is behind: a job has waited {waited:c} since it fell due.", data: data),
            _ => new HealthCheckResult(failure, _heartbeat.LastLoopAt is null
                ? $"The job worker has not run in this process, and a job has waited {waited:c} since it fell due."
                : $"The job worker is stalled: a job has waited {waited:c} since it fell due, and the worker has not gone round its loop since {_heartbeat.LastLoopAt}.",
                data: data),
        };
    }
}
