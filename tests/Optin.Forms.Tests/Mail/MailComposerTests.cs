using MimeKit;
using Optin.Forms.Mail;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Mail;

public sealed class MailComposerTests
{
    private static readonly RenderedEmail Welcome = new("welcome", "fr", "Bienvenue", "<p>Bienvenue</p>", "Bienvenue", true, "abc");

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void Compose_Marketing_IsMultipartAlternativeWithUnsubscribeHeaders()
    {
        var message = MailComposer.Compose(Welcome, Flow.From, "jean@exemple.fr", "m1@atelier-dupont.example", Some.Now,
            "https://example.test/optin/unsubscribe/T");

        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Equal("m1@atelier-dupont.example", message.MessageId);
        Assert.Equal("bonjour@atelier-dupont.example", message.From.Mailboxes.Single().Address);
        Assert.Equal(Some.Now.ToDateTimeOffset(), message.Date);
        Assert.Equal("<https://example.test/optin/unsubscribe/T>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void Compose_MarketingWithoutUnsubscribeUrl_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => MailComposer.Compose(Welcome, Flow.From, "jean@exemple.fr", "m1@x.example", Some.Now, null));
    }

    [Theory]
    [InlineData("Bienvenue\r\nBcc: victim@evil.example")]
    [InlineData("Bienvenue\nX: y")]
    [InlineData("Bienvenue\0")]
    [Trait("Requirement", "SEC-3")]
    public void Compose_ControlCharactersInSubject_AreRefused(string subject)
    {
        var email = Welcome with { Subject = subject, Marketing = false };

        Assert.Throws<HeaderInjectionException>(() => MailComposer.Compose(email, Flow.From, "jean@exemple.fr", "m1@x.example", Some.Now, null));
    }

    [Fact]
    [Trait("Requirement", "SEC-3")]
    public void Compose_ControlCharactersInRecipientOrFrom_AreRefused()
    {
        var email = Welcome with { Marketing = false };

        Assert.Throws<HeaderInjectionException>(() => MailComposer.Compose(email, Flow.From, "jean@exemple.fr\r\nBcc: x@evil.example", "m1@x.example", Some.Now, null));
        Assert.Throws<HeaderInjectionException>(() => MailComposer.Compose(email, "A <a@x.example>\nBcc: b@evil.example", "jean@exemple.fr", "m1@x.example", Some.Now, null));
    }
}
