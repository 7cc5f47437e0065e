using MimeKit;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderDeliveryTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    [Trait("Requirement", "WD-1")]
    public async Task SendAsync_TextAndHtmlMessage_ArrivesWithItsHeadersAndBothParts()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port));
        var message = Some.Message();

        await sender.SendAsync(message, Some.Timeout());

        var received = Assert.Single(_server.Messages);
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal("Confirmez votre inscription à la lettre d'Atelier Dupont", received.Subject);
        Assert.Equal("bonjour@atelier-dupont.example", Assert.IsType<MailboxAddress>(Assert.Single(received.From)).Address);
        Assert.Equal("camille@example.test", Assert.IsType<MailboxAddress>(Assert.Single(received.To)).Address);
        Assert.Equal(message.Date, received.Date);
        Assert.Equal("<https://atelier-dupont.example/optin/unsubscribe/abc>", received.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("multipart/alternative", Assert.IsType<MultipartAlternative>(received.Body).ContentType.MimeType);
        Assert.NotNull(received.TextBody);
        Assert.Contains("confirmez votre adresse", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("À bientôt.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://atelier-dupont.example/optin/confirm/abc\">Confirmer</a>", received.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SeveralMessagesInTurn_ReuseOneConnection()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.PoolSize = 2));

        for (var i = 0; i < 5; i++)
        {
            await sender.SendAsync(Some.Message(), Some.Timeout());
        }

        Assert.Equal(5, _server.Messages.Count);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task SendAsync_ManyAtOnce_UsesNoMoreConnectionsThanThePoolSize()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.PoolSize = 2));
        var messages = Enumerable.Range(0, 12).Select(i => Some.Message($"personne{i}@example.test")).ToList();
        var timeout = Some.Timeout();

        await Task.WhenAll(messages.Select(m => sender.SendAsync(m, timeout).AsTask()));

        Assert.Equal(messages.Select(m => m.MessageId).Order(), _server.Messages.Select(m => m.MessageId).Order());
        Assert.InRange(_server.Sessions, 1, 2);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledAndSendsNothing()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Some.Message(), cancelled.Token).AsTask());

        Assert.Empty(_server.Messages);
        await sender.SendAsync(Some.Message(), Some.Timeout());
        Assert.Single(_server.Messages);
    }
}
