using MimeKit;
using Optin.Forms.Mail;

namespace Optin.Forms.Tests.Mail;

public sealed class PickupDirectoryMailSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "optin-pickup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SendAsync_SameMessageTwice_WritesOneCompleteFileNamedAfterMessageId()
    {
        var sender = new PickupDirectoryMailSender(_directory);
        var message = new MimeMessage { MessageId = "abc.123@atelier-dupont.example", Subject = "Confirmez votre inscription" };
        message.From.Add(MailboxAddress.Parse("bonjour@atelier-dupont.example"));
        message.To.Add(MailboxAddress.Parse("jean@exemple.fr"));
        message.Body = new TextPart("plain") { Text = "Bonjour, déjà inscrit ?" };

        await sender.SendAsync(message, default);
        await sender.SendAsync(message, default);

        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal("abc.123_atelier-dupont.example.eml", Path.GetFileName(file));
        var read = await MimeMessage.LoadAsync(file);
        Assert.Equal("abc.123@atelier-dupont.example", read.MessageId);
        Assert.Equal("Bonjour, déjà inscrit ?", read.TextBody?.TrimEnd());
    }

    [Fact]
    public async Task SendAsync_WithoutMessageId_IsRefusedPermanently()
    {
        var sender = new PickupDirectoryMailSender(_directory);
        var message = new MimeMessage();
        message.Headers.Remove(HeaderId.MessageId);

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(async () => await sender.SendAsync(message, default));
        Assert.True(ex.IsPermanent);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
