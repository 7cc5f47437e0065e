using System.Diagnostics.Metrics;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.MailKit;

/// <summary>Counters of the SMTP sender on the <c>Optin.Forms</c> meter; tagged with outcomes, never with addresses.</summary>
internal static class SmtpMetrics
{
    public static Counter<long> Sent { get; } = OptinDiagnostics.Meter.CreateCounter<long>("optin.mail.smtp.sent");

    public static Counter<long> Failed { get; } = OptinDiagnostics.Meter.CreateCounter<long>("optin.mail.smtp.failed");
}
