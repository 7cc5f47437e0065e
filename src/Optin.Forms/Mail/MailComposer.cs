using MimeKit;
using NodaTime;
using Optin.Forms.Templates;

namespace Optin.Forms.Mail;

/// <summary>
/// Builds the MIME message of a rendered email: multipart/alternative (text, then HTML), From from configuration,
/// Date from the clock, the job's Message-ID, and the RFC 8058 unsubscribe headers on marketing email (WD-1).
/// </summary>
internal static class MailComposer
{
    /// <exception cref="HeaderInjectionException">A header value holds CR, LF or NUL (SEC-3).</exception>
    /// <exception cref="InvalidOperationException">From is not configured or not a mailbox, or a marketing email has no unsubscribe URL.</exception>
    public static MimeMessage Compose(RenderedEmail email, string from, string to, string messageId, Instant date, string? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(email);
        CheckHeader(from, "From");
        CheckHeader(to, "To");
        CheckHeader(email.Subject, "Subject");
        CheckHeader(messageId, "Message-ID");
        if (!MailboxAddress.TryParse(from, out var fromMailbox))
        {
            throw new InvalidOperationException("OptinForms:Mail:From is not a mailbox.");
        }

        var message = new MimeMessage { Subject = email.Subject, MessageId = messageId.Trim('<', '>'), Date = date.ToDateTimeOffset() };
        message.From.Add(fromMailbox);
        message.To.Add(MailboxAddress.Parse(to));
        if (email.Marketing)
        {
            if (string.IsNullOrEmpty(unsubscribeUrl))
            {
                throw new InvalidOperationException("A marketing email needs an unsubscribe URL (WD-1).");
            }

            CheckHeader(unsubscribeUrl, "List-Unsubscribe");
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }

    private static void CheckHeader(string value, string header)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new HeaderInjectionException($"The {header} header would hold CR, LF or NUL; the message is refused (SEC-3).");
        }
    }
}
