using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Mail;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderFailureTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    [Trait("Invariant", "4")]
    public async Task SendAsync_TemporaryRefusalThenAcceptance_ThrowsTransientThenDeliversOnce()
    {
        var observer = new RecordingObserver();
        await using var sender = Some.Sender(Some.Options(_server.Port), observers: observer);
        var message = Some.Message();
        _server.NextDataReplies.Enqueue(451);

        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());
        Assert.False(refused.IsPermanent);
        Assert.Equal(451, refused.StatusCode);
        Assert.Empty(_server.Messages);

        await sender.SendAsync(message, Some.Timeout());

        Assert.Equal(message.MessageId, Assert.Single(_server.Messages).MessageId);
        Assert.Empty(observer.Failures);
    }

    [Fact]
    [Trait("Requirement", "SEC-8")]
    public async Task SendAsync_UnknownRecipient_ThrowsPermanentAndTellsTheObserver()
    {
        var observer = new RecordingObserver();
        await using var sender = Some.Sender(Some.Options(_server.Port), observers: observer);
        _server.RefusedRecipients["inconnu@example.test"] = true;
        var message = Some.Message("inconnu@example.test");

        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());

        Assert.True(refused.IsPermanent);
        Assert.InRange(refused.StatusCode ?? 0, 500, 599);
        Assert.DoesNotContain("inconnu", refused.ToString(), StringComparison.OrdinalIgnoreCase);
        var failure = Assert.Single(observer.Failures);
        Assert.Equal(new SmtpPermanentFailure(message.MessageId, refused.StatusCode!.Value, SmtpRejectionKind.Recipient, "inconnu@example.test"), failure);
        Assert.Empty(_server.Messages);

        await sender.SendAsync(Some.Message(), Some.Timeout());
        Assert.Single(_server.Messages);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task SendAsync_MessageRefusedPermanently_ThrowsPermanentAndTheConnectionServesTheNextMessage()
    {
        var observer = new RecordingObserver();
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.PoolSize = 1), observers: observer);
        _server.NextDataReplies.Enqueue(554);

        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());
        await sender.SendAsync(Some.Message(), Some.Timeout());

        Assert.True(refused.IsPermanent);
        Assert.Equal(554, refused.StatusCode);
        Assert.Equal(SmtpRejectionKind.Message, Assert.Single(observer.Failures).Kind);
        Assert.Equal("camille@example.test", observer.Failures.Single().Recipient); // a one-recipient message: the refusal is the address's
        Assert.Single(_server.Messages);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task SendAsync_MessageToTwoRecipientsRefusedAtData_NamesNoRecipient()
    {
        var observer = new RecordingObserver();
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.PoolSize = 1), observers: observer);
        _server.NextDataReplies.Enqueue(554);
        var message = Some.Message();
        message.Cc.Add(MimeKit.MailboxAddress.Parse("dominique@example.test"));

        await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());

        Assert.Equal(SmtpRejectionKind.Message, Assert.Single(observer.Failures).Kind);
        Assert.Null(observer.Failures.Single().Recipient);
    }

    [Fact]
    [Trait("Invariant", "4")]
    public async Task SendAsync_ServerDownThenUp_NothingLostNothingSentTwice()
    {
        var port = SmtpTestServer.FreePort();
        await using var sender = Some.Sender(Some.Options(port));
        var message = Some.Message();

        var down = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());
        Assert.False(down.IsPermanent);

        await using var server = await SmtpTestServer.StartAsync(port);
        await sender.SendAsync(message, Some.Timeout());

        Assert.Equal(message.MessageId, Assert.Single(server.Messages).MessageId);
    }

    [Fact]
    [Trait("Invariant", "4")]
    public async Task SendAsync_ServerRestartedWhileConnectionIdle_TransientOnceThenReconnects()
    {
        var port = SmtpTestServer.FreePort();
        var first = await SmtpTestServer.StartAsync(port);
        await using var sender = Some.Sender(Some.Options(port, o => o.PoolSize = 1));
        await sender.SendAsync(Some.Message(), Some.Timeout());
        await first.DisposeAsync();
        await using var second = await SmtpTestServer.StartAsync(port);
        var message = Some.Message();

        var broken = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());
        await sender.SendAsync(message, Some.Timeout());

        Assert.False(broken.IsPermanent);
        Assert.Equal(message.MessageId, Assert.Single(second.Messages).MessageId);
    }

    [Fact]
    public async Task SendAsync_ServerBreaksTheProtocol_TransientAndTheNextMessageReconnects()
    {
        await using var broken = new GarblingSmtpServer();
        await using var sender = Some.Sender(Some.Options(broken.Port, o => o.PoolSize = 1));

        var first = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());
        var second = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());

        Assert.False(first.IsPermanent);
        Assert.IsType<global::MailKit.Net.Smtp.SmtpProtocolException>(first.InnerException);
        Assert.False(second.IsPermanent);
        Assert.Equal(2, broken.Connections);
    }

    [Fact]
    public async Task SendAsync_IdleConnectionDroppedByServer_IsReplacedBeforeTheMessageIsSent()
    {
        var port = SmtpTestServer.FreePort();
        var clock = new FakeClock(Some.Now);
        var first = await SmtpTestServer.StartAsync(port);
        await using var sender = Some.Sender(Some.Options(port, o => o.IdleCheckAfter = TimeSpan.FromSeconds(30)), clock);
        await sender.SendAsync(Some.Message(), Some.Timeout());
        await first.DisposeAsync();
        await using var second = await SmtpTestServer.StartAsync(port);
        clock.Advance(Duration.FromSeconds(31));
        var message = Some.Message();

        await sender.SendAsync(message, Some.Timeout());

        Assert.Equal(message.MessageId, Assert.Single(second.Messages).MessageId);
    }
}
