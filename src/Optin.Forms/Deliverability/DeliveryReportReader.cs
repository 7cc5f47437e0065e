using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Optin.Forms.Deliverability;

/// <summary>
/// Reads a delivery status notification (RFC 3464) or a feedback report (RFC 5965) with MimeKit, strictly: anything
/// that does not have the shape of one is refused with a reason, and nothing is applied from it.
/// </summary>
internal static partial class DeliveryReportReader
{
    /// <summary>The feedback types that are a complaint about our mail; the others (not-spam, auth-failure, virus, other) are not.</summary>
    private static readonly HashSet<string> ComplaintTypes = new(StringComparer.OrdinalIgnoreCase) { "abuse", "fraud" };

    private static readonly HashSet<string> Actions = new(StringComparer.OrdinalIgnoreCase) { "failed", "delayed", "delivered", "relayed", "expanded" };

    /// <summary>Reads <paramref name="message"/>: the report, or why it is refused.</summary>
    public static (DeliveryReport? Report, string? Refusal) Read(MimeMessage message)
    {
        if (FindReport(message.Body, depth: 0) is not { } report)
        {
            return (null, "Not a delivery report: no multipart/report part.");
        }

        var identity = Identity(message);
        if (string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase)
            || string.Equals(report.ReportType, "global-delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return ReadDeliveryStatus(report, identity);
        }

        if (string.Equals(report.ReportType, "feedback-report", StringComparison.OrdinalIgnoreCase))
        {
            return ReadFeedback(report, identity);
        }

        return (null, "Not a delivery report: the report type is neither delivery-status nor feedback-report.");
    }

    private static (DeliveryReport?, string?) ReadDeliveryStatus(MultipartReport report, string identity)
    {
        if (report.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } status)
        {
            return (null, "Malformed delivery status notification: no message/delivery-status part.");
        }

        var groups = status.StatusGroups;
        if (groups.Count < 2)
        {
            return (null, "Malformed delivery status notification: no per-recipient fields.");
        }

        var recipients = new List<DeliveryReportRecipient>();
        for (var i = 1; i < groups.Count; i++)
        {
            var fields = groups[i];
            var action = fields["Action"]?.Trim();
            var code = StatusCode(fields["Status"]);
            var address = Address(fields["Final-Recipient"]) ?? Address(fields["Original-Recipient"]);
            if (action is null || !Actions.Contains(action) || code is null || address is null)
            {
                return (null, $"Malformed delivery status notification: recipient {i} lacks a valid Final-Recipient, Action or Status.");
            }

            var failed = string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase);
            if (failed && code[0] == '5')
            {
                recipients.Add(new DeliveryReportRecipient(address, Permanent: true, code));
            }
            else if (failed || string.Equals(action, "delayed", StringComparison.OrdinalIgnoreCase))
            {
                recipients.Add(new DeliveryReportRecipient(address, Permanent: false, code));
            }
        }

        return (new DeliveryReport(identity, recipients, null, OriginalMessageId(Original(report))), null);
    }

    private static (DeliveryReport?, string?) ReadFeedback(MultipartReport report, string identity)
    {
        if (report.OfType<MessageFeedbackReport>().FirstOrDefault() is not { } feedback)
        {
            return (null, "Malformed feedback report: no message/feedback-report part.");
        }

        var fields = feedback.Fields;
        if (fields["Feedback-Type"]?.Trim() is not { Length: > 0 } type || !TokenPattern().IsMatch(type))
        {
            return (null, "Malformed feedback report: no valid Feedback-Type.");
        }

        if (!ComplaintTypes.Contains(type))
        {
            return (new DeliveryReport(identity, [], null, null), null);
        }

        var original = Original(report);
        var address = fields.Where(h => h.Field.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase))
            .Select(h => Mailbox(h.Value)).FirstOrDefault(a => a is not null)
            ?? (original?["To"] is { } to && InternetAddressList.TryParse(to, out var list) && list.Mailboxes.Count() == 1
                ? list.Mailboxes.Single().Address
                : null);
        var messageId = OriginalMessageId(original);
        return (new DeliveryReport(identity, [], new DeliveryReportComplaint(address, type.ToLowerInvariant(), Clip(fields["User-Agent"]),
            Clip(messageId), Clip(fields["Arrival-Date"])), messageId), null);
    }

    /// <summary>The original message (message/rfc822) or its headers (text/rfc822-headers), when the report returns them.</summary>
    private static HeaderList? Original(MultipartReport report) => report.Skip(2).Select(OriginalHeaders).FirstOrDefault(h => h is not null);

    /// <summary>The Message-ID of the original message, without angle brackets, when the report returns its headers.</summary>
    private static string? OriginalMessageId(HeaderList? original) =>
        original?["Message-ID"] is { } id && MimeUtils.EnumerateReferences(id).FirstOrDefault() is { Length: > 0 and <= 998 } messageId
            ? messageId
            : null;

    private static MultipartReport? FindReport(MimeEntity? entity, int depth) => entity switch
    {
        MultipartReport report => report,
        Multipart multipart when depth < 3 => multipart.Select(e => FindReport(e, depth + 1)).FirstOrDefault(r => r is not null),
        _ => null,
    };

    private static HeaderList? OriginalHeaders(MimeEntity entity)
    {
        if (entity is MessagePart { Message: { } message })
        {
            return message.Headers;
        }

        if (entity is TextPart { ContentType.MimeType: var type } text && type.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.Text + "\r\n"));
            try
            {
                return HeaderList.Load(stream);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The address of an <c>rfc822;addr</c> (or <c>utf-8;addr</c>) field, or null.</summary>
    private static string? Address(string? field)
    {
        var semi = field?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        if (field is null || semi < 0)
        {
            return null;
        }

        var type = field[..semi].Trim();
        return type.Equals("rfc822", StringComparison.OrdinalIgnoreCase) || type.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? Mailbox(field[(semi + 1)..])
            : null;
    }

    private static string? Mailbox(string? value)
    {
        var text = value?.Trim().Trim('<', '>').Trim();
        return text is { Length: > 2 and <= 320 } && text.Contains('@', StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace) ? text : null;
    }

    /// <summary>The enhanced status code (<c>class.subject.detail</c>) at the start of a Status field, or null.</summary>
    private static string? StatusCode(string? field) =>
        field is not null && StatusPattern().Match(field) is { Success: true } match ? match.Groups[1].Value : null;

    private static string? Clip(string? value) => value?.Trim() is { Length: > 0 } text ? (text.Length > 200 ? text[..200] : text) : null;

    private static string Identity(MimeMessage message)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (message.MessageId is { Length: > 0 } id)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("id:" + id));
        }
        else
        {
            using var buffer = new MemoryStream();
            message.WriteTo(buffer);
            hash.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [GeneratedRegex(@"^\s*([245]\.\d{1,3}\.\d{1,3})(\s|\(|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-]{0,40}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TokenPattern();
}
