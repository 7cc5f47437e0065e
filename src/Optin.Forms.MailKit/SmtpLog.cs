using Microsoft.Extensions.Logging;

namespace Optin.Forms.MailKit;

/// <summary>Source-generated log messages of the SMTP sender; they carry the Message-ID and status codes, never an address (SEC-8).</summary>
/// <remarks>
/// Event ids are unique across the packages, one range each: core (Optin.Forms) 1000–3999, web (Optin.Forms.AspNetCore)
/// 4000–4999, Optin.Forms.EntityFrameworkCore and its .Sqlite and .PostgreSql packages 5000–5999 (one range,
/// ids unique across the three), Optin.Forms.MailKit 6000–6999, Optin.Forms.Cli 7000–7999.
/// LogEventIdTests in the CLI tests checks this.
/// </remarks>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Message {MessageId} accepted by the SMTP server.")]
    public static partial void Accepted(ILogger logger, string? messageId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning,
        Message = "Message {MessageId} refused permanently by the SMTP server: {StatusCode} ({Kind}); it will not be retried.")]
    public static partial void RefusedPermanently(ILogger logger, string? messageId, int statusCode, SmtpRejectionKind kind);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning,
        Message = "Message {MessageId} refused for now by the SMTP server: {StatusCode}; the job will retry.")]
    public static partial void RefusedTemporarily(ILogger logger, string? messageId, int statusCode);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "Message {MessageId} not sent: {ErrorType} ({Reason}); the connection is dropped and the job will retry.")]
    public static partial void TransportFailed(ILogger logger, string? messageId, string errorType, string reason);
}
