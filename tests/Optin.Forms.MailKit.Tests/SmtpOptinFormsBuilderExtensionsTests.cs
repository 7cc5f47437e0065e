using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using Optin.Forms.DependencyInjection;
using Optin.Forms.Mail;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpOptinFormsBuilderExtensionsTests
{
    private static OptinFormsBuilder Builder(ServiceCollection services, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddLogging();
        return services.AddOptinForms(configuration.GetSection("OptinForms"));
    }

    [Fact]
    public void UseSmtp_FromConfiguration_ReadsEveryKey()
    {
        var services = new ServiceCollection();
        Builder(services, new()
        {
            ["OptinForms:Mail:Sender"] = "Smtp",
            ["OptinForms:Mail:Smtp:Host"] = "smtp.atelier-dupont.example",
            ["OptinForms:Mail:Smtp:Port"] = "587",
            ["OptinForms:Mail:Smtp:Security"] = "starttls",
            ["OptinForms:Mail:Smtp:UserName"] = "optin",
            ["OptinForms:Mail:Smtp:Password"] = "secret",
            ["OptinForms:Mail:Smtp:PoolSize"] = "4",
            ["OptinForms:Mail:Smtp:ConnectTimeout"] = "00:00:10",
            ["OptinForms:Mail:Smtp:CommandTimeout"] = "00:00:20",
            ["OptinForms:Mail:Smtp:IdleCheckAfter"] = "00:01:00",
            ["OptinForms:Mail:Smtp:LocalDomain"] = "www.atelier-dupont.example",
        }).UseSmtp();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmtpSenderOptions>>().Value;

        Assert.Equal(("smtp.atelier-dupont.example", 587, SmtpSecurity.StartTls, "optin", "secret", 4), (options.Host, options.Port, options.Security, options.UserName, options.Password, options.PoolSize));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)), (options.ConnectTimeout, options.CommandTimeout, options.IdleCheckAfter));
        Assert.Equal("www.atelier-dupont.example", options.LocalDomain);
        Assert.False(options.Dkim.IsEnabled);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void UseSmtp_InvalidConfiguration_ListsEveryProblemWithItsPath()
    {
        var services = new ServiceCollection();
        Builder(services, new()
        {
            ["OptinForms:Mail:Smtp:Hots"] = "smtp.atelier-dupont.example",
            ["OptinForms:Mail:Smtp:Port"] = "vingt-cinq",
            ["OptinForms:Mail:Smtp:Security"] = "Tls",
            ["OptinForms:Mail:Smtp:UserName"] = "optin",
            ["OptinForms:Mail:Smtp:PoolSize"] = "0",
            ["OptinForms:Mail:Smtp:CommandTimeout"] = "bientôt",
            ["OptinForms:Mail:Smtp:Dkim:Domain"] = "atelier-dupont.example",
        }).UseSmtp().UseSmtp();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmtpSenderOptions>>().Value);

        Assert.Equal(
            [
                "OptinForms:Mail:Smtp:Hots: unknown key 'Hots' (did you mean 'Host'?); expected one of: Host, Port, Security, UserName, Password, LocalDomain, PoolSize, ConnectTimeout, CommandTimeout, IdleCheckAfter, Dkim",
                "OptinForms:Mail:Smtp:Port: 'vingt-cinq' is not a whole number.",
                "OptinForms:Mail:Smtp:CommandTimeout: 'bientôt' is not a duration such as 00:00:30.",
                "OptinForms:Mail:Smtp:Security: 'Tls' is not one of None, StartTls, SslOnConnect, Auto.",
                "OptinForms:Mail:Smtp:Host: the SMTP server's host name is required.",
                "OptinForms:Mail:Smtp:Password: UserName and Password go together; give both or neither.",
                "OptinForms:Mail:Smtp:PoolSize: 0 is out of range; use 1 to 64 connections.",
                "OptinForms:Mail:Smtp:Dkim:Selector: the selector is required when DKIM is configured.",
                "OptinForms:Mail:Smtp:Dkim:PrivateKeyPath: give exactly one of PrivateKeyPath and PrivateKeyPem.",
            ],
            error.Failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void UseSmtp_InvalidConfiguration_StopsTheHostAtStart()
    {
        var services = new ServiceCollection();
        Builder(services, new() { ["OptinForms:Mail:Smtp:Port"] = "70000" }).UseSmtp();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("OptinForms:Mail:Smtp:Port: 70000 is not a port; use 1 to 65535, or 0 for the usual port of the security mode.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("OptinForms:Mail:Smtp:Host: the SMTP server's host name is required.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UseSmtp_OtherSenderRegisteredBeforeOrAfter_SmtpSenderWins()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMailSender, NullSender>();
        Builder(services, new() { ["OptinForms:Mail:Smtp:Host"] = "127.0.0.1" }).UseSmtp().UseSmtp();
        services.TryAddSingleton<IMailSender, NullSender>();
        using var provider = services.BuildServiceProvider();

        var sender = provider.GetRequiredService<IMailSender>();

        Assert.IsType<SmtpMailSender>(sender);
        Assert.Same(sender, provider.GetRequiredService<SmtpMailSender>());
        Assert.Single(services, d => d.ServiceType == typeof(IMailSender));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<SmtpSenderOptions>));
    }

    [Fact]
    public void UseSmtp_WithCode_AmendsTheConfiguredSettings()
    {
        var services = new ServiceCollection();
        Builder(services, new() { ["OptinForms:Mail:Smtp:Host"] = "smtp.atelier-dupont.example", ["OptinForms:Mail:Smtp:Port"] = "25" })
            .UseSmtp(o => o.Port = 2525)
            .AddSmtpDeliveryObserver<Support.RecordingObserver>()
            .AddSmtpDeliveryObserver<Support.RecordingObserver>();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SmtpSenderOptions>>().Value;

        Assert.Equal(("smtp.atelier-dupont.example", 2525), (options.Host, options.Port));
        // The built-in observer that marks refused addresses undeliverable, and the host's, each once.
        Assert.Equal(2, provider.GetServices<ISmtpDeliveryObserver>().Count());
        Assert.Single(provider.GetServices<ISmtpDeliveryObserver>().OfType<Support.RecordingObserver>());
    }

    [Fact]
    public void UseSmtp_WithoutConfigurationSection_IsConfiguredInCodeOnly()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptinForms().UseSmtp(o => o.Host = "127.0.0.1");
        using var provider = services.BuildServiceProvider();

        Assert.Equal("127.0.0.1", provider.GetRequiredService<IOptions<SmtpSenderOptions>>().Value.Host);
        Assert.IsType<SmtpMailSender>(provider.GetRequiredService<IMailSender>());
    }

    private sealed class NullSender : IMailSender
    {
        public ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
