using Microsoft.Extensions.Logging;

namespace Optin.Forms.MailKit;

/// <summary>Source-generated log messages of the SMTP sender; they carry the Message-ID and status codes, never an address (SEC-8).</summary>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Message {MessageId} accepted by the SMTP server.")]
    public static partial void Accepted(ILogger logger, string? messageId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Message {MessageId} refused permanently by the SMTP server: {StatusCode} ({Kind}); it will not be retried.")]
    public static partial void RefusedPermanently(ILogger logger, string? messageId, int statusCode, SmtpRejectionKind kind);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Message {MessageId} refused for now by the SMTP server: {StatusCode}; the job will retry.")]
    public static partial void RefusedTemporarily(ILogger logger, string? messageId, int statusCode);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Message {MessageId} not sent: {ErrorType} ({Reason}); the connection is dropped and the job will retry.")]
    public static partial void TransportFailed(ILogger logger, string? messageId, string errorType, string reason);
}
