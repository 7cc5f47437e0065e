using Microsoft.Extensions.Diagnostics.HealthChecks;
using Optin.Forms.MailKit;

// In the namespace of IHealthChecksBuilder, as the framework's own health checks are.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SMTP health check to <c>services.AddHealthChecks()</c>.</summary>
public static class SmtpHealthChecksBuilderExtensions
{
    /// <summary>Adds <see cref="SmtpHealthCheck"/>, which connects to the configured server and lets it greet.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>optin-smtp</c>).</param>
    /// <param name="failureStatus">The status reported when the server cannot be reached (default unhealthy).</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddOptinSmtp(this IHealthChecksBuilder builder, string name = "optin-smtp", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddCheck<SmtpHealthCheck>(name, failureStatus, tags ?? []);
    }

    /// <summary>
    /// Adds <see cref="ImapReportPollerHealthCheck"/>, which reports whether the IMAP report poller's last poll succeeded
    /// (with <c>UseImapReportPoller()</c>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>optin-imap</c>).</param>
    /// <param name="failureStatus">The status reported while polls fail (default unhealthy).</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddOptinImapReportPoller(this IHealthChecksBuilder builder, string name = "optin-imap", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(name, sp => new ImapReportPollerHealthCheck(sp.GetRequiredService<ImapReportPoller>()), failureStatus, tags ?? []));
    }
}
