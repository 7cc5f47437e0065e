using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.Jobs;

/// <summary>
/// The hosted job worker: keeps up to <see cref="JobOptions.MaxConcurrency"/> jobs running, claims more as slots free
/// up, and otherwise waits for a wake-up (<see cref="JobSignal"/>, a commit that queued a job due now) or the poll
/// interval, whichever comes first.
/// </summary>
/// <remarks>
/// It claims only as many jobs as it has free slots (and at most <see cref="JobOptions.BatchSize"/>) and starts them at
/// once: a claimed job never waits in memory for a slot while its lease runs out (with a slow mail server it could,
/// and then another worker would claim it and send it too). After a full claim it claims again as soon as a slot is
/// free (more may be due); after a short one it waits, so an idle queue costs one claim per poll interval and per
/// wake-up.
/// </remarks>
internal sealed class JobWorker(JobRunner runner, JobSignal signal, IOptions<JobOptions> options, ILogger<JobWorker> logger,
    JobWorkerHeartbeat heartbeat, NodaTime.IClock clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var maxConcurrency = Math.Max(1, settings.MaxConcurrency);
        var batchSize = Math.Max(1, settings.BatchSize);
        var running = new List<Task>(maxConcurrency);
        var mayHaveMore = true;
        Task poll = Task.CompletedTask;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeat.Beat(clock.GetCurrentInstant());
                if (mayHaveMore && running.Count < maxConcurrency)
                {
                    signal.Reset();
                    var wanted = Math.Min(batchSize, maxConcurrency - running.Count);
                    var claimed = await ClaimAsync(wanted, stoppingToken);
                    foreach (var job in claimed ?? [])
                    {
                        running.Add(RunAsync(job, stoppingToken));
                    }

                    mayHaveMore = claimed?.Count == wanted;
                    poll = Task.Delay(settings.PollInterval, stoppingToken);
                }

                if (mayHaveMore && running.Count < maxConcurrency)
                {
                    continue; // a full claim: more may be due
                }

                // Wait for a free slot, or, when the queue looked empty, for a wake-up or the next poll.
                var idle = !mayHaveMore;
                var wake = idle && settings.WakeOnCommit ? signal.WaitAsync() : null;
                var waits = new List<Task>(running.Count + 2);
                waits.AddRange(running);
                if (idle)
                {
                    waits.Add(poll);
                }

                if (wake is not null)
                {
                    waits.Add(wake);
                }

                var woke = await Task.WhenAny(waits);
                stoppingToken.ThrowIfCancellationRequested();
                running.RemoveAll(t => t.IsCompleted);

                // A finished job only frees a slot; the poll interval or a wake-up says that jobs may be due.
                mayHaveMore |= woke == poll || woke == wake;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // The jobs still running saw the stop: each keeps its lease and runs again after it.
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async ValueTask<IReadOnlyList<JobRecord>?> ClaimAsync(int wanted, CancellationToken stoppingToken)
    {
        try
        {
            return await runner.ClaimAsync(wanted, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A store outage must not stop the worker; it logs and polls again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OptinLog.JobBatchFailed(logger, ex);
            return null;
        }
    }

    private async Task RunAsync(JobRecord job, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A store outage while finishing a job must not stop the worker: the job runs again after its lease.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OptinLog.JobBatchFailed(logger, ex);
        }
    }
}
