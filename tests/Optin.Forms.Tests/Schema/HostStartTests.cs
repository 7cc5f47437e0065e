using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>A real generic host: invalid configuration stops it at start, with every problem on its own line of one message.</summary>
public sealed class HostStartTests
{
    [Fact]
    [Trait("Requirement", "CFG-1")]
    [Trait("Requirement", "CONS-2")]
    [Trait("Requirement", "CONS-9")]
    public async Task StartAsync_FiveDifferentMistakes_FailsWithOneMessageListingAllFiveWithTheirPaths()
    {
        using var host = Build(StartupValidationTests.With(
            ("OptinForms:Forms:newsletter:SucessPage", "/merci"),
            ("OptinForms:Forms:newsletter:Fields:1:MaxLength", "eighty"),
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purpose", "newsletter"),
            ("OptinForms:Forms:contact:Consents:0:Checked", "true"),
            ("OptinForms:Purposes:partners:Retention", null),
            ("OptinForms:LandingPages:salon:Form", "newsleter")));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "The Optin.Forms configuration has 5 problems:" + Environment.NewLine
            + "  OptinForms:Forms:newsletter:SucessPage: unknown key 'SucessPage'; expected one of: Title, Fields, Consents, SuccessPage, DoubleOptin, ContactKind, Processing, Abuse, DefaultRegion, Steps" + Environment.NewLine
            + "  OptinForms:Forms:newsletter:Fields:1:MaxLength: expected a whole number, found 'eighty'" + Environment.NewLine
            + "  OptinForms:Purposes:partners:Retention: a marketing purpose needs a retention, for example 1095.00:00:00 (3 years)" + Environment.NewLine
            + "  OptinForms:Forms:contact:Consents:0: a consent checkbox cannot be checked by default" + Environment.NewLine
            + "  OptinForms:LandingPages:salon:Form: the form 'newsleter' is not declared under OptinForms:Forms",
            ex.Message);
        Assert.Equal(5, ex.Failures.Count());
        Assert.Equal(typeof(OptinFormsOptions), ex.OptionsType);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task StartAsync_AddOptinFormsCalledTwice_ListsEachProblemOnce()
    {
        using var host = Build(StartupValidationTests.With(
            ("OptinForms:Forms:newsletter:SucessPage", "/merci"),
            ("OptinForms:LandingPages:salon:Form", "newsleter")), registrations: 2);

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "The Optin.Forms configuration has 2 problems:" + Environment.NewLine
            + "  OptinForms:Forms:newsletter:SucessPage: unknown key 'SucessPage'; expected one of: Title, Fields, Consents, SuccessPage, DoubleOptin, ContactKind, Processing, Abuse, DefaultRegion, Steps" + Environment.NewLine
            + "  OptinForms:LandingPages:salon:Form: the form 'newsleter' is not declared under OptinForms:Forms",
            ex.Message);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task StartAsync_ValidConfiguration_StartsAndServesTheCatalog()
    {
        using var host = Build(Some.Settings());

        await host.StartAsync();
        try
        {
            var catalog = host.Services.GetRequiredService<IFormCatalogProvider>().Current;
            Assert.Equal("fr", catalog.DefaultCulture);
            Assert.NotNull(catalog.FindForm("newsletter"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost Build(Dictionary<string, string?> settings, int registrations = 1)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        for (var i = 0; i < registrations; i++)
        {
            builder.Services.AddOptinForms(builder.Configuration.GetSection("OptinForms"));
        }

        return builder.Build();
    }
}
