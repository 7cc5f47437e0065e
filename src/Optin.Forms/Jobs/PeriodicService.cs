using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.Jobs;

/// <summary>Runs a sweep at an interval until the host stops; a failed run is logged and tried again at the next one.</summary>
internal abstract class PeriodicService(ILogger logger) : BackgroundService
{
    /// <summary>The sweep's name in logs.</summary>
    protected abstract string Name { get; }

    /// <summary>How long to wait between runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether to run at all.</summary>
    protected virtual bool Enabled => true;

    protected abstract ValueTask RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Enabled)
                {
                    await RunOnceAsync(stoppingToken);
                }

                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep is retried at the next interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                OptinLog.SweepFailed(logger, Name, ex);
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
