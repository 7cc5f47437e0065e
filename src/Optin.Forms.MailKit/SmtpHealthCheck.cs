using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reports whether the SMTP server can be reached: opens a fresh connection (not a pooled one), lets the server greet
/// it, secures and authenticates as configured, then says QUIT.
/// </summary>
public sealed class SmtpHealthCheck : IHealthCheck
{
    private readonly IOptions<SmtpSenderOptions> _options;

    /// <summary>Creates the check.</summary>
    public SmtpHealthCheck(IOptions<SmtpSenderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = _options.Value;
        try
        {
            using var client = await SmtpConnector.ConnectAsync(options, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return HealthCheckResult.Healthy($"The SMTP server {options.Host} greeted the connection.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"The SMTP server {options.Host} could not be reached: {e.GetType().Name}.",
                e);
        }
    }
}
