using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.Jobs;

namespace Optin.Forms.Retention;

/// <summary>Runs the retention sweep every <see cref="RetentionOptions.Interval"/> while it is enabled (RET-2).</summary>
internal sealed class RetentionSweepService(RetentionSweeper sweeper, IOptions<OptinFormsOptions> options, ILogger<RetentionSweepService> logger)
    : PeriodicService(logger)
{
    protected override string Name => "retention sweep";

    protected override TimeSpan Interval => options.Value.Retention.Interval;

    protected override bool Enabled => options.Value.Retention.Enabled;

    protected override async ValueTask RunOnceAsync(CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}
