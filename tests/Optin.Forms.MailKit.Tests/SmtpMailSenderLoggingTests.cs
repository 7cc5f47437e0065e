using Optin.Forms.Mail;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderLoggingTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    [Trait("Requirement", "SEC-8")]
    public async Task SendAsync_RefusalsAndDelivery_LogMessageIdAndStatusButNeverTheAddress()
    {
        var logger = new RecordingLogger<SmtpMailSender>();
        await using var sender = Some.Sender(Some.Options(_server.Port), logger);
        _server.RefusedRecipients["inconnu@example.test"] = true;
        var unknown = Some.Message("inconnu@example.test");
        var later = Some.Message("camille@example.test");
        _server.NextDataReplies.Enqueue(452);

        await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(unknown, Some.Timeout()).AsTask());
        var transient = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(later, Some.Timeout()).AsTask());
        await sender.SendAsync(later, Some.Timeout());

        Assert.Equal([6002, 6003, 6001], logger.Entries.Select(e => e.EventId.Id));
        Assert.Contains(unknown.MessageId!, logger.Entries.First().Text, StringComparison.Ordinal);
        Assert.Contains("55", logger.Entries.First().Text, StringComparison.Ordinal);
        Assert.Contains("452", logger.Entries.ElementAt(1).Text, StringComparison.Ordinal);
        Assert.All(logger.Entries, e => Assert.DoesNotContain("example.test", e.Text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("example.test", transient.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
