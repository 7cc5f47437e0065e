using Microsoft.Extensions.Logging;
using Optin.Forms.Diagnostics;
using Optin.Forms.Jobs;

namespace Optin.Forms.Statistics;

/// <summary>Writes the <see cref="ViewCounter"/>'s counts every <see cref="ViewCounter.FlushInterval"/>, and once more when the host stops.</summary>
internal sealed class ViewCountFlushService(ViewCounter counter, ILogger<ViewCountFlushService> logger) : PeriodicService(logger)
{
    protected override string Name => "view counts";

    protected override TimeSpan Interval => counter.FlushInterval;

    protected override async ValueTask RunOnceAsync(CancellationToken cancellationToken) => await counter.FlushAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A graceful stop loses nothing: the last counts are written even though the host is stopping.
            await counter.FlushAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // The host is stopping: the failure is logged, the views of this interval are lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OptinLog.SweepFailed(logger, Name, ex);
        }
    }
}
