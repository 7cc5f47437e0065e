using Microsoft.Extensions.Configuration;
using NodaTime;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>The configuration shape of a form's own processing and of the controller's details (PROC-1).</summary>
public sealed class ProcessingDeclarationReadTests
{
    private static FormCatalog Compile(Dictionary<string, string?> settings)
    {
        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("OptinForms"), options);
        return FormCatalogCompiler.Compile(options);
    }

    [Fact]
    public void Read_FormProcessingAndControllerDetails_AreCompiled()
    {
        var settings = Some.Settings();
        settings["OptinForms:Forms:newsletter:Processing:Purpose:fr"] = "Répondre à votre demande de devis.";
        settings["OptinForms:Forms:newsletter:Processing:Purpose:en"] = "Answering your quote request.";
        settings["OptinForms:Forms:newsletter:Processing:LegalBasis"] = "LegitimateInterest";
        settings["OptinForms:Forms:newsletter:Processing:LegitimateInterest"] = "Following up on requests";
        settings["OptinForms:Forms:newsletter:Processing:Recipients:fr"] = "Le service commercial";
        settings["OptinForms:Forms:newsletter:Processing:Retention"] = "30.00:00:00";
        settings["OptinForms:DataProtection:Dpo"] = "DPO, dpo@example.org";
        settings["OptinForms:DataProtection:SecurityMeasures:en"] = "TLS everywhere";

        var catalog = Compile(settings);

        var processing = catalog.Forms["newsletter"].Processing;
        Assert.NotNull(processing);
        Assert.Equal(LegalBasis.LegitimateInterest, processing.LegalBasis);
        Assert.Equal("Répondre à votre demande de devis.", processing.Purpose.Get("fr"));
        Assert.Equal("Following up on requests", processing.LegitimateInterest.Get("en"));
        Assert.Equal("Le service commercial", processing.Recipients.Get("fr"));
        Assert.Equal(Duration.FromDays(30), processing.Retention);
        Assert.Equal("DPO, dpo@example.org", catalog.DataProtection.Dpo);
        Assert.Equal("TLS everywhere", catalog.DataProtection.SecurityMeasures.Get("en"));
        Assert.Equal(DataProtectionOptions.DefaultSupervisoryAuthority, catalog.DataProtection.SupervisoryAuthority);
    }

    [Fact]
    public void Version_DeclaringAProcessing_ChangesTheFormVersion()
    {
        var before = Compile(Some.Settings()).Forms["newsletter"].Version;
        var settings = Some.Settings();
        settings["OptinForms:Forms:newsletter:Processing:Purpose"] = "Answering requests";
        settings["OptinForms:Forms:newsletter:Processing:LegalBasis"] = "Contract";
        settings["OptinForms:Forms:newsletter:Processing:Retention"] = "30.00:00:00";

        Assert.NotEqual(before, Compile(settings).Forms["newsletter"].Version);
    }
}
