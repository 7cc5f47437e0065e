namespace Optin.Forms.MailKit;

/// <summary>A permanent (5xx) refusal of one message by the SMTP server.</summary>
/// <param name="MessageId">The message's Message-ID, which identifies the job that sent it.</param>
/// <param name="StatusCode">The SMTP status code, for example 550.</param>
/// <param name="Kind">What was refused; <see cref="SmtpRejectionKind.Sender"/> is the site's problem, never the address's.</param>
/// <param name="Recipient">
/// The refused address when <paramref name="Kind"/> is <see cref="SmtpRejectionKind.Recipient"/>, or the message's only
/// recipient when <paramref name="Kind"/> is <see cref="SmtpRejectionKind.Message"/> (a 5xx after DATA for a message to one
/// address is a refusal of that address), so that the observer can mark it; personal data: never log it (SEC-8).
/// </param>
public sealed record SmtpPermanentFailure(string? MessageId, int StatusCode, SmtpRejectionKind Kind, string? Recipient);
