using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>The Art. 13 notice of a form's own processing (PROC-1).</summary>
[Trait("Requirement", "PROC-1")]
public sealed class ProcessingNoticeTests
{
    private static FormCatalog Catalog(params (string Key, string? Value)[] changes)
    {
        using var services = Some.Services(out _, StartupValidationTests.With(changes));
        return services.GetRequiredService<IFormCatalogProvider>().Current;
    }

    [Fact]
    public void For_AnotherCulture_FallsBackToEnglishWordsAndTheDefaultCultureTexts()
    {
        var catalog = Catalog();

        var notice = ProcessingNotice.For(catalog, catalog.Forms["contact"], "de-DE")!;

        Assert.Equal("en", notice.Culture);
        Assert.Equal("How your data is used", notice.Heading);
        Assert.Equal(Some.QuotePurposeFr, notice.Items.Single(i => i.Key == "purpose").Text);
        Assert.Equal("3 years from when you send the form.", notice.Items.Single(i => i.Key == "retention").Text);
    }

    [Fact]
    public void For_LegitimateInterest_StatesTheInterestAndTheRightToObject()
    {
        var catalog = Catalog(
            ("OptinForms:Forms:contact:Processing:LegalBasis", "LegitimateInterest"),
            ("OptinForms:Forms:contact:Processing:LegitimateInterest:fr", "suivre les demandes de nos prospects"),
            ("OptinForms:Forms:contact:Processing:Retention", "180.00:00:00"));

        var notice = ProcessingNotice.For(catalog, catalog.Forms["contact"], "fr")!;

        Assert.Equal("L'intérêt légitime du responsable du traitement (RGPD, art. 6.1.f) : suivre les demandes de nos prospects",
            notice.Items.Single(i => i.Key == "legalBasis").Text);
        Assert.Contains("vous opposer à leur traitement", notice.Items.Single(i => i.Key == "rights").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("portabilité", notice.Items.Single(i => i.Key == "rights").Text, StringComparison.Ordinal);
        Assert.Equal("6 mois à compter de l'envoi du formulaire.", notice.Items.Single(i => i.Key == "retention").Text);
        Assert.Equal("Le personnel habilité du responsable du traitement uniquement.", notice.Items.Single(i => i.Key == "recipients").Text);
    }

    [Fact]
    public void For_ConsentOnlyForm_HasNoNotice()
    {
        var catalog = Catalog();

        Assert.Null(ProcessingNotice.For(catalog, catalog.Forms["newsletter"], "fr"));
    }
}
