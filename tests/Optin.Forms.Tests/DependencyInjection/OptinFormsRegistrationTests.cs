using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DependencyInjection;

/// <summary>The fluent C# API and appsettings describe the same model; registering twice is harmless.</summary>
public sealed class OptinFormsRegistrationTests
{
    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void AddPurposeAndAddForm_EquivalentToAppsettings_YieldTheSameCatalog()
    {
        using var fromSettings = Some.Services(out _);
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms()
            .Configure(o =>
            {
                o.BaseUrl = "https://example.test";
                o.Mail.From = "Atelier Dupont <bonjour@atelier-dupont.example>";
                o.DefaultCulture = "fr";
                o.DataProtection.Controller = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon";
                o.DataProtection.PrivacyNoticeUrl = "/confidentialite";
                o.DataProtection.IpAddress = CaptureMode.Truncated;
            })
            .AddPurpose("newsletter", p => p.Marketing().Retention(TimeSpan.FromDays(1095))
                .Text("fr", Some.ConsentFr, Some.PurposeFr)
                .Text("en", Some.ConsentEn, Some.PurposeEn))
            .AddPurpose("partners", p => p.Marketing().Retention(TimeSpan.FromDays(365))
                .Text("fr", "J'accepte que mes coordonnées soient transmises aux partenaires.", "Transmission à nos partenaires exposants."))
            .AddForm("newsletter", f => f.Title("fr", "Restons en contact").Title("en", "Let's stay in touch")
                .Email().Text("firstName", maxLength: 80).Consent("newsletter").Consent("partners").SuccessPage("/merci"))
            .AddForm("contact", f => f.Email().Field("message", FieldKind.TextArea, required: true).Consent("newsletter").SuccessPage("/merci")
                .Processing(p =>
                {
                    p.Purpose["fr"] = Some.QuotePurposeFr;
                    p.Purpose["en"] = "Answering your contact or quote request.";
                    p.LegalBasis = LegalBasis.Contract;
                    p.Retention = TimeSpan.FromDays(1095);
                }))
            .AddLandingPage("salon", "/salon", "newsletter");
        using var fromCode = services.BuildServiceProvider();

        var expected = fromSettings.GetRequiredService<IFormCatalogProvider>().Current;
        var actual = fromCode.GetRequiredService<IFormCatalogProvider>().Current;

        Assert.Equal(expected.DefaultCulture, actual.DefaultCulture);
        Assert.Equal(expected.BaseUrl, actual.BaseUrl);
        Assert.Equal(expected.IpAddressCapture, actual.IpAddressCapture);
        Assert.Equal(Versions(expected), Versions(actual));
        Assert.Equal(expected.Forms.Count, actual.Forms.Count);
        Assert.Equal(
            expected.Purposes.Values.Select(p => (p.Id, p.Marketing, p.Retention, p.Controller, p.PrivacyNotice)).OrderBy(p => p.Id),
            actual.Purposes.Values.Select(p => (p.Id, p.Marketing, p.Retention, p.Controller, p.PrivacyNotice)).OrderBy(p => p.Id));
        Assert.Equal(expected.LandingPages["salon"].Path, actual.LandingPages["salon"].Path);
        Assert.Equal(expected.LandingPages["salon"].Form.Version, actual.LandingPages["salon"].Form.Version);
    }

    [Fact]
    [Trait("Requirement", "CONS-2")]
    public void AddForm_FluentFormWithUndeclaredPurpose_FailsValidationLikeAppsettings()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms().AddForm("newsletter", f => f.Email().Consent("newsletter"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Equal(
            "The Optin.Forms configuration has 1 problem:" + Environment.NewLine
            + "  OptinForms:Forms:newsletter:Consents:0: the purpose 'newsletter' is not declared under OptinForms:Purposes",
            ex.Message);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void AddOptinForms_CalledTwiceWithTheSameSection_RegistersOnceAndGivesTheSameCatalog()
    {
        var section = Some.Section();
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(section);
        services.AddOptinForms(section);
        using var twice = services.BuildServiceProvider();
        using var once = Some.Services(out _);

        Assert.Equal(Versions(once.GetRequiredService<IFormCatalogProvider>().Current), Versions(twice.GetRequiredService<IFormCatalogProvider>().Current));
        Assert.Equal(once.GetServices<IValidateOptions<OptinFormsOptions>>().Select(v => v.GetType()),
            twice.GetServices<IValidateOptions<OptinFormsOptions>>().Select(v => v.GetType()));
        Assert.Single(twice.GetServices<IOptionsChangeTokenSource<OptinFormsOptions>>());
        Assert.Single(twice.GetServices<IOptinStore>());
        Assert.Single(twice.GetServices<SubmissionPipeline>());
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void AddOptinForms_CalledTwiceWithTheSectionGotTwice_ReportsEachProblemOnce()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(StartupValidationTests.With(("OptinForms:Forms:newsletter:SucessPage", "/merci")))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(configuration.GetSection("OptinForms"));
        services.AddOptinForms(configuration.GetSection("OptinForms"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Equal(["OptinForms:Forms:newsletter:SucessPage"], ex.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Single(provider.GetServices<IOptionsChangeTokenSource<OptinFormsOptions>>());
    }

    private static List<(string Id, string Version)> Versions(FormCatalog catalog) =>
        [.. catalog.Forms.Values.Select(f => (f.Id, f.Version)).OrderBy(f => f.Id, StringComparer.Ordinal)];
}
