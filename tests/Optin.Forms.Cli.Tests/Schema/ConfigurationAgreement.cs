using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore;
using Optin.Forms.Jobs;
using Optin.Forms.MailKit;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>Runs every configuration reader of every package on a section, as a host with the web and SMTP packages does.</summary>
internal static class ConfigurationAgreement
{
    public static IReadOnlyList<string> Problems(IConfigurationSection section)
    {
        var problems = new List<string>(OptinCommand.Validate(section).Failures);
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(section).UseAspNetCore().UseSmtp();
        using var provider = services.BuildServiceProvider();
        Collect<JobOptions>(provider, problems);
        Collect<SmtpSenderOptions>(provider, problems);
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
