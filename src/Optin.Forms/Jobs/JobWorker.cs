using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.Jobs;

/// <summary>The hosted job worker: runs due jobs, and waits the poll interval when there were none.</summary>
internal sealed class JobWorker(JobRunner runner, IOptions<JobOptions> options, ILogger<JobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await runner.RunDueJobsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store outage must not stop the worker; it logs and polls again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                OptinLog.JobBatchFailed(logger, ex);
            }

            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
