using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using NodaTime;
using NodaTime.Testing;

namespace Optin.Forms.MailKit.Tests.Support;

/// <summary>Test data: messages as the engine composes them, and senders pointed at a test server.</summary>
internal static class Some
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 12, 9, 30, 15);

    public static MimeMessage Message(string to = "camille@example.test", string? messageId = null)
    {
        var message = new MimeMessage
        {
            Subject = "Confirmez votre inscription à la lettre d'Atelier Dupont",
            Date = new DateTimeOffset(2026, 11, 12, 9, 30, 15, TimeSpan.Zero),
            MessageId = messageId ?? $"{Guid.NewGuid():N}@atelier-dupont.example",
        };
        message.From.Add(new MailboxAddress("Atelier Dupont", "bonjour@atelier-dupont.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("List-Unsubscribe", "<https://atelier-dupont.example/optin/unsubscribe/abc>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            TextBody = "Bonjour,\r\nconfirmez votre adresse : https://atelier-dupont.example/optin/confirm/abc\r\nÀ bientôt.",
            HtmlBody = "<p>Bonjour,</p><p><a href=\"https://atelier-dupont.example/optin/confirm/abc\">Confirmer</a> — à bientôt.</p>",
        }.ToMessageBody();
        return message;
    }

    public static SmtpSenderOptions Options(int port, Action<SmtpSenderOptions>? configure = null)
    {
        var options = new SmtpSenderOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = SmtpSecurity.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static SmtpMailSender Sender(SmtpSenderOptions options, IClock? clock = null, params ISmtpDeliveryObserver[] observers) =>
        Sender(options, NullLogger<SmtpMailSender>.Instance, clock, observers);

    public static SmtpMailSender Sender(SmtpSenderOptions options, ILogger<SmtpMailSender> logger, IClock? clock = null, params ISmtpDeliveryObserver[] observers) =>
        new(Microsoft.Extensions.Options.Options.Create(options), clock ?? new FakeClock(Now), observers, logger);

    /// <summary>A token that ends a hung test instead of hanging the run.</summary>
    public static CancellationToken Timeout(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
