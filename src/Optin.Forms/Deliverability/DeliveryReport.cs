namespace Optin.Forms.Deliverability;

/// <summary>What one report says, once read: the failures per recipient of a DSN, or one complaint.</summary>
/// <param name="Identity">What identifies the report for replays: its Message-ID, or a SHA-256 of the message.</param>
/// <param name="Recipients">A DSN's recipients with a permanent or transient failure (empty for a complaint).</param>
/// <param name="Complaint">A feedback report's complaint, or <see langword="null"/>.</param>
/// <param name="OriginalMessageId">
/// The Message-ID of the message the report is about (without angle brackets), from the original message or its headers
/// returned with the report; <see langword="null"/> when the report does not return them.
/// </param>
internal sealed record DeliveryReport(string Identity, IReadOnlyList<DeliveryReportRecipient> Recipients, DeliveryReportComplaint? Complaint,
    string? OriginalMessageId);

/// <summary>One recipient of a DSN that failed.</summary>
/// <param name="Address">The address, as the report gives it (personal data: never logged).</param>
/// <param name="Permanent">Whether the failure is permanent (<c>Action: failed</c> with a <c>5.x.x</c> status).</param>
/// <param name="Status">The enhanced status code, for example <c>5.1.1</c>.</param>
internal sealed record DeliveryReportRecipient(string Address, bool Permanent, string Status);

/// <summary>A complaint of a feedback report (ARF).</summary>
/// <param name="Address">The complaining address, or <see langword="null"/> when the provider redacted it.</param>
/// <param name="FeedbackType">The <c>Feedback-Type</c>, for example <c>abuse</c>.</param>
/// <param name="UserAgent">The <c>User-Agent</c> of the software that wrote the report, when given.</param>
/// <param name="OriginalMessageId">The Message-ID of the complained-about message, when the report carries it.</param>
/// <param name="ArrivalDate">The <c>Arrival-Date</c> of that message, as written, when given.</param>
internal sealed record DeliveryReportComplaint(string? Address, string FeedbackType, string? UserAgent, string? OriginalMessageId, string? ArrivalDate);
