using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reports whether the IMAP report poller's last poll succeeded, without opening a connection of its own: unhealthy (or
/// the registration's failure status) while its polls fail in a row, healthy otherwise.
/// </summary>
public sealed class ImapReportPollerHealthCheck : IHealthCheck
{
    private readonly ImapReportPoller _poller;

    internal ImapReportPollerHealthCheck(ImapReportPoller poller)
    {
        ArgumentNullException.ThrowIfNull(poller);
        _poller = poller;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failures = _poller.ConsecutiveFailures;
        return Task.FromResult(failures == 0
            ? HealthCheckResult.Healthy("The last poll of the report mailbox succeeded, or none has run yet.")
            : new HealthCheckResult(
                context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"The last {failures} poll(s) of the report mailbox failed; the logs (event ids 6103 to 6105) say why."));
    }
}
