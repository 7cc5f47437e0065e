using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Jobs;

namespace Optin.Forms.DoubleOptin;

/// <summary>Runs the unconfirmed sweep periodically (DOI-5).</summary>
internal sealed class UnconfirmedSweepService(UnconfirmedSweeper sweeper, IOptions<JobOptions> options, ILogger<UnconfirmedSweepService> logger)
    : PeriodicService(logger)
{
    protected override string Name => "unconfirmed sweep";

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async ValueTask RunOnceAsync(CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}
