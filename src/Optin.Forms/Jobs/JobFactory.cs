using System.Globalization;
using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.Jobs;

/// <summary>Creates jobs; the Message-ID of the mail a job may send is fixed here, once (invariant 4).</summary>
internal static class JobFactory
{
    public static JobRecord Create(string action, string? ruleName, Guid contactId, string? purposeId, JobPayload payload,
        Instant now, Instant dueAt, string messageIdDomain, string? recipient = null) => new()
    {
        Recipient = recipient,
        Id = RecordIds.New(),
        Action = action,
        RuleName = ruleName,
        ContactId = contactId,
        PurposeId = purposeId,
        Payload = payload.Serialize(),
        MessageId = NewMessageId(messageIdDomain),
        CreatedAt = now,
        DueAt = dueAt,
        TraceParent = CurrentTraceParent(),
    };

    /// <summary>The W3C <c>traceparent</c> of the current activity, when there is one (someone listens) in that format.</summary>
    internal static string? CurrentTraceParent() =>
        System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>
    /// A new Message-ID (without angle brackets): a random (version 4) GUID in hex, then <c>@</c> and the domain, which
    /// <see cref="MessageIdDomain"/> already put in its ASCII form once (not on every job). A Message-ID must be unique,
    /// not secret: it is in every copy of the message.
    /// </summary>
    internal static string NewMessageId(string asciiDomain) =>
        string.Create(33 + asciiDomain.Length, (Id: RecordIds.NewRandom(), Domain: asciiDomain), static (text, state) =>
        {
            state.Id.TryFormat(text, out _, "N");
            text[32] = '@';
            state.Domain.CopyTo(text[33..]);
        });

    /// <summary>The domain of Message-IDs, in ASCII (IDNA): the From address's domain, else the base URL's host.</summary>
    public static string MessageIdDomain(OptinFormsOptions options)
    {
        var domain = options.Mail.From is { } from && MimeKit.MailboxAddress.TryParse(from, out var mailbox) && mailbox.Domain is { Length: > 0 } d
            ? d
            : Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : "optin.localhost";
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return domain; // not a valid IDN name: kept as configured, as before
        }
    }
}
