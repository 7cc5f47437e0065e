using MimeKit.Utils;
using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>Creates jobs; the Message-ID of the mail a job may send is fixed here, once (invariant 4).</summary>
internal static class JobFactory
{
    public static JobRecord Create(string action, string? ruleName, Guid contactId, string? purposeId, JobPayload payload,
        Instant now, Instant dueAt, string messageIdDomain) => new()
    {
        Id = Guid.NewGuid(),
        Action = action,
        RuleName = ruleName,
        ContactId = contactId,
        PurposeId = purposeId,
        Payload = payload.Serialize(),
        MessageId = MimeUtils.GenerateMessageId(messageIdDomain),
        CreatedAt = now,
        DueAt = dueAt,
    };

    /// <summary>The domain of Message-IDs: the From address's domain, else the base URL's host.</summary>
    public static string MessageIdDomain(OptinFormsOptions options)
    {
        if (options.Mail.From is { } from && MimeKit.MailboxAddress.TryParse(from, out var mailbox) && mailbox.Domain is { Length: > 0 } domain)
        {
            return domain;
        }

        return Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : "optin.localhost";
    }
}
