using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore;
using Optin.Forms.Jobs;
using Optin.Forms.MailKit;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>Runs every configuration reader of every package on a section, as a host with the web and SMTP packages (and the IMAP report poller) does.</summary>
internal static class ConfigurationAgreement
{
    public static IReadOnlyList<string> Problems(IConfigurationSection section)
    {
        var problems = new List<string>(OptinCommand.Validate(section).Failures);
        var services = new ServiceCollection().AddLogging();
        var optin = services.AddOptinForms(section).UseAspNetCore().UseSmtp();
        var imap = section.GetSection("Deliverability:Imap").Exists(); // a host enables the poller when it is configured
        if (imap)
        {
            optin.UseImapReportPoller();
        }

        using var provider = services.BuildServiceProvider();
        Collect<JobOptions>(provider, problems);
        Collect<SmtpSenderOptions>(provider, problems);
        if (imap)
        {
            Collect<ImapPollerOptions>(provider, problems);
        }

        Collect<OptinFormsWebOptions>(provider, problems);
        return problems;
    }

    private static void Collect<TOptions>(IServiceProvider provider, List<string> problems)
        where TOptions : class
    {
        try
        {
            _ = provider.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }
    }
}
