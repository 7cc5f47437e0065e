using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DependencyInjection;

/// <summary>
/// A host that fails at start because of Optin.Forms options lists the problems one per line, as <c>optin check</c>
/// does, not joined with "; " inside a stack trace; the host's own options are left as they are.
/// </summary>
public sealed class StartupValidationMessageTests
{
    private static readonly string Nl = Environment.NewLine;

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task StartAsync_TwoProblems_OneMessageWithEachOnItsOwnLine()
    {
        using var host = Build(StartupValidationTests.With(
            ("OptinForms:Forms:newsletter:SucessPage", "/merci"),
            ("OptinForms:LandingPages:salon:Form", "newsleter")));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "The Optin.Forms configuration has 2 problems:" + Nl
            + "  OptinForms:Forms:newsletter:SucessPage: unknown key 'SucessPage'; expected one of: Title, Fields, Consents, SuccessPage, DoubleOptin, ContactKind, Processing, Abuse, DefaultRegion, Steps" + Nl
            + "  OptinForms:LandingPages:salon:Form: the form 'newsleter' is not declared under OptinForms:Forms",
            ex.Message);
        Assert.Equal(2, ex.Failures.Count());
        Assert.Equal(typeof(OptinFormsOptions), ex.OptionsType);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task StartAsync_AProviderPackagesOptionsFail_ListedOnePerLineToo()
    {
        using var host = Build(Some.Settings(), optin => optin.AddValidatedOptions<PackageOptions>()
            .Validate(_ => false, "OptinForms:Package:Limit: must be positive")
            .Validate(_ => false, "OptinForms:Package:Name: is required"));

        var ex = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "The Optin.Forms configuration has 2 problems:" + Nl
            + "  OptinForms:Package:Limit: must be positive" + Nl
            + "  OptinForms:Package:Name: is required",
            ex.Message);
    }

    [Fact]
    public async Task StartAsync_OnlyTheHostsOwnOptionsFail_TheirExceptionIsUntouched()
    {
        using var host = Build(Some.Settings(), optin => optin.Services.AddOptions<PackageOptions>()
            .Validate(_ => false, "Site:Setting: one")
            .Validate(_ => false, "Site:Other: two")
            .ValidateOnStart());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Site:Setting: one; Site:Other: two", ex.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<Forms.DependencyInjection.OptinFormsBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        var optin = builder.Services.AddOptinForms(builder.Configuration.GetSection("OptinForms"));
        configure?.Invoke(optin);
        return builder.Build();
    }

    /// <summary>Stands for the options of a provider package, or of the host.</summary>
    private sealed class PackageOptions;
}
