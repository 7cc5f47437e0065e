using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Diagnostics;
using Optin.Forms.Jobs;

namespace Optin.Forms.DoubleOptin;

/// <summary>Runs the unconfirmed sweep periodically (DOI-5).</summary>
internal sealed class UnconfirmedSweepService(UnconfirmedSweeper sweeper, IOptions<JobOptions> options, ILogger<UnconfirmedSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
                await Task.Delay(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep is retried at the next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                OptinLog.JobBatchFailed(logger, ex);
                await Task.Delay(options.Value.SweepInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
