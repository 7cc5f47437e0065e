using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Mail;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderHostTests
{
    [Fact]
    public async Task UseSmtp_ConfiguredFromAppSettings_IMailSenderDeliversAndObserversHearRefusals()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.RefusedRecipients["inconnu@example.test"] = true;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OptinForms:Mail:Sender"] = "Smtp",
            ["OptinForms:Mail:Smtp:Host"] = "127.0.0.1",
            ["OptinForms:Mail:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OptinForms:Mail:Smtp:Security"] = "None",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptinForms(configuration.GetSection("OptinForms")).UseSmtp().AddSmtpDeliveryObserver<RecordingObserver>();
        await using var provider = services.BuildServiceProvider();
        var sender = provider.GetRequiredService<IMailSender>();
        var message = Some.Message();
        var unknown = Some.Message("inconnu@example.test");

        await sender.SendAsync(message, Some.Timeout());
        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(unknown, Some.Timeout()).AsTask());

        Assert.Equal(message.MessageId, Assert.Single(server.Messages).MessageId);
        Assert.True(refused.IsPermanent);
        var observer = Assert.Single(provider.GetServices<ISmtpDeliveryObserver>().OfType<RecordingObserver>());
        Assert.Equal(unknown.MessageId, Assert.Single(observer.Failures).MessageId);
    }
}
