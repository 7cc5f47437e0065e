using Microsoft.Extensions.Logging;

namespace Optin.Forms.Deliverability;

/// <summary>The log messages of bounce and complaint handling (core range, 3401–3499); never an address (SEC-8).</summary>
internal static partial class DeliverabilityLog
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Information,
        Message = "Delivery report applied: {Permanent} address(es) marked undeliverable, {Transient} transient failure(s) counted, complaint: {Complaint}.")]
    public static partial void ReportApplied(ILogger logger, int permanent, int transient, bool complaint);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Delivery report ignored: {Reason}")]
    public static partial void ReportIgnored(ILogger logger, string reason);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Delivery report refused: {Reason}")]
    public static partial void ReportRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Information,
        Message = "An address was marked undeliverable after a permanent SMTP refusal ({StatusCode}) of message {MessageId}.")]
    public static partial void MarkedUndeliverable(ILogger logger, int statusCode, string? messageId);
}
