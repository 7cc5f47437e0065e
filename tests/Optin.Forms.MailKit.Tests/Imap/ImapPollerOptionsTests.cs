using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Optin.Forms.Deliverability;
using Optin.Forms.DependencyInjection;

namespace Optin.Forms.MailKit.Tests.Imap;

public sealed class ImapPollerOptionsTests
{
    private static OptinFormsBuilder Builder(ServiceCollection services, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddLogging();
        services.AddSingleton<IDeliveryReportProcessor, NoProcessor>();
        return services.AddOptinForms(configuration.GetSection("OptinForms"));
    }

    [Fact]
    public void UseImapReportPoller_FromConfiguration_ReadsEveryKey_AndRegistersOneHostedPoller()
    {
        var services = new ServiceCollection();
        Builder(services, new()
        {
            ["OptinForms:Deliverability:Imap:Host"] = "imap.atelier-dupont.example",
            ["OptinForms:Deliverability:Imap:Port"] = "993",
            ["OptinForms:Deliverability:Imap:Security"] = "sslonconnect",
            ["OptinForms:Deliverability:Imap:UserName"] = "bounces",
            ["OptinForms:Deliverability:Imap:Password"] = "secret",
            ["OptinForms:Deliverability:Imap:Folder"] = "Reports",
            ["OptinForms:Deliverability:Imap:ProcessedFolder"] = "Reports/Done",
            ["OptinForms:Deliverability:Imap:RefusedFolder"] = "Reports/Refused",
            ["OptinForms:Deliverability:Imap:PollInterval"] = "00:02:00",
            ["OptinForms:Deliverability:Imap:ConnectTimeout"] = "00:00:10",
            ["OptinForms:Deliverability:Imap:CommandTimeout"] = "00:00:20",
        }).UseImapReportPoller().UseImapReportPoller();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ImapPollerOptions>>().Value;

        Assert.Equal(("imap.atelier-dupont.example", 993, ImapSecurity.SslOnConnect, "bounces", "secret"), (options.Host, options.Port, options.Security, options.UserName, options.Password));
        Assert.Equal(("Reports", "Reports/Done", "Reports/Refused"), (options.Folder, options.ProcessedFolder, options.RefusedFolder));
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), (options.PollInterval, options.ConnectTimeout, options.CommandTimeout));
        Assert.Single(provider.GetServices<IHostedService>().OfType<ImapReportPoller>());
    }

    [Fact]
    public void Defaults_ReadTheInbox_EveryFiveMinutes_AndFlagInsteadOfMoving()
    {
        var options = new ImapPollerOptions();

        Assert.Equal(("INBOX", null, null, TimeSpan.FromMinutes(5), ImapSecurity.Auto), (options.Folder, options.ProcessedFolder, options.RefusedFolder, options.PollInterval, options.Security));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void InvalidConfiguration_ListsEveryProblemWithItsPath()
    {
        var services = new ServiceCollection();
        Builder(services, new()
        {
            ["OptinForms:Deliverability:Imap:Hots"] = "imap.atelier-dupont.example",
            ["OptinForms:Deliverability:Imap:Port"] = "cent-quarante-trois",
            ["OptinForms:Deliverability:Imap:Security"] = "Tls",
            ["OptinForms:Deliverability:Imap:UserName"] = "bounces",
            ["OptinForms:Deliverability:Imap:Folder"] = "inbox",
            ["OptinForms:Deliverability:Imap:ProcessedFolder"] = "INBOX",
            ["OptinForms:Deliverability:Imap:PollInterval"] = "00:00:00",
            ["OptinForms:Deliverability:Imap:CommandTimeout"] = "bientôt",
        }).UseImapReportPoller();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ImapPollerOptions>>().Value);

        Assert.Equal(
            [
                "OptinForms:Deliverability:Imap:Hots: unknown key 'Hots' (did you mean 'Host'?); expected one of: Host, Port, Security, UserName, Password, Folder, ProcessedFolder, RefusedFolder, PollInterval, ConnectTimeout, CommandTimeout",
                "OptinForms:Deliverability:Imap:Port: 'cent-quarante-trois' is not a whole number.",
                "OptinForms:Deliverability:Imap:CommandTimeout: 'bientôt' is not a duration such as 00:05:00.",
                "OptinForms:Deliverability:Imap:Security: 'Tls' is not one of None, StartTls, SslOnConnect, Auto.",
                "OptinForms:Deliverability:Imap:Host: the IMAP server's host name is required to read bounce and complaint reports.",
                "OptinForms:Deliverability:Imap:Password: the mailbox's password is required; keep it in user-secrets or an environment variable.",
                "OptinForms:Deliverability:Imap:ProcessedFolder: 'INBOX' is the folder the reports are read from; name another folder, or leave the key out to flag the messages instead.",
                "OptinForms:Deliverability:Imap:PollInterval: the duration must be positive and under 24 days.",
            ],
            error.Failures);
    }

    [Fact]
    public void RetryDelay_DoublesFromFiveSeconds_UpToTenMinutes()
    {
        Assert.Equal(
            [5, 10, 20, 40, 80, 160, 320, 600, 600],
            Enumerable.Range(1, 9).Select(n => ImapReportPoller.RetryDelay(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(10), ImapReportPoller.RetryDelay(int.MaxValue));
    }

    private sealed class NoProcessor : IDeliveryReportProcessor
    {
        public ValueTask<DeliveryReportOutcome> ApplyAsync(MimeMessage report, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");
    }
}
