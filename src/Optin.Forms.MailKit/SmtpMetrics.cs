using System.Diagnostics.Metrics;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.MailKit;

/// <summary>
/// Counters of the SMTP sender on the <c>Optin.Forms</c> meter (docs/metrics.md); tagged with outcomes, never with addresses.
/// </summary>
internal static class SmtpMetrics
{
    /// <summary>The tag of a failure's kind: <c>permanent</c> (a 5xx refusal) or <c>transient</c> (retried).</summary>
    public const string FailureTag = "optin.forms.smtp.failure";

    public static Counter<long> Sent { get; } = OptinDiagnostics.Meter.CreateCounter<long>("optin.forms.smtp.sent", "{message}",
        "Messages the SMTP server accepted.");

    public static Counter<long> Failed { get; } = OptinDiagnostics.Meter.CreateCounter<long>("optin.forms.smtp.failed", "{message}",
        "Messages the SMTP sender could not hand over, by kind of failure.");
}
