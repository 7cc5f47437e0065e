using Microsoft.Extensions.Logging;

namespace Optin.Forms.MailKit;

/// <summary>
/// Source-generated log messages of the IMAP report poller (event ids 6100–6199 of the MailKit range). They carry the
/// host, the folder, message UIDs, outcomes and error types, never an address (SEC-8): a report's reason is written
/// without addresses by the processor, and exception messages, which may quote one, are not logged.
/// </summary>
internal static partial class ImapLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information,
        Message = "Read {Count} new report(s) in IMAP folder {Folder}: {Applied} applied, {Ignored} ignored, {Refused} refused, {Kept} kept for the next poll.")]
    public static partial void Polled(ILogger logger, string folder, int count, int applied, int ignored, int refused, int kept);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning,
        Message = "Report UID {Uid} in IMAP folder {Folder} could not be applied now ({ErrorType}); it stays unseen and is tried again at the next poll.")]
    public static partial void ApplyFailed(ILogger logger, uint uid, string folder, string errorType);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error,
        Message = "The IMAP server {Host} refused the user name or password of {Path}:UserName and {Path}:Password; no report is read. Trying again in {Delay}.")]
    public static partial void AuthenticationFailed(ILogger logger, string? host, string path, TimeSpan delay);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning,
        Message = "Could not read reports from the IMAP server {Host}:{Port}: {ErrorType} ({Reason}). Trying again in {Delay}.")]
    public static partial void PollFailed(ILogger logger, string? host, int port, string errorType, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error,
        Message = "The IMAP folder {Folder} ({Path}) does not exist on {Host}; no report is read. Trying again in {Delay}.")]
    public static partial void FolderMissing(ILogger logger, string folder, string path, string? host, TimeSpan delay);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning,
        Message = "The IMAP server {Host} cannot move messages (no MOVE capability): reports stay in {Folder}, flagged as seen and with a keyword.")]
    public static partial void MoveUnsupported(ILogger logger, string? host, string folder);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Debug, Message = "Report UID {Uid} in IMAP folder {Folder}: {Status} ({Reason}).")]
    public static partial void ReportOutcome(ILogger logger, uint uid, string folder, Optin.Forms.Deliverability.DeliveryReportStatus status, string? reason);
}
