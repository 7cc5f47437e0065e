using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Consent;

public sealed class RecordOfProcessingTests
{
    private static RecordOfProcessing Generate()
    {
        using var services = Some.Services(out _);
        return RecordOfProcessing.Generate(services.GetRequiredService<IFormCatalogProvider>().Current, Some.Now);
    }

    [Fact]
    [Trait("Requirement", "ROPA-1")]
    public void Generate_FromConfiguredPurposes_ListsOneActivityPerPurposeWithItsFormsAndData()
    {
        var record = Generate();

        Assert.Equal(["newsletter", "partners"], record.Activities.Select(a => a.PurposeId));
        var newsletter = record.Activities[0];
        Assert.Equal(Some.PurposeFr, newsletter.Purpose);
        Assert.Equal(Some.ConsentFr, newsletter.ConsentText);
        Assert.True(newsletter.Marketing);
        Assert.Equal("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon", newsletter.Controller);
        Assert.Equal(Duration.FromDays(1095), newsletter.Retention);
        Assert.Equal(["contact", "newsletter"], newsletter.Forms.ToArray());
        Assert.Contains("email (email)", newsletter.DataCategories);
        Assert.Contains("message (textarea)", newsletter.DataCategories);
        Assert.Equal(["newsletter"], record.Activities[1].Forms.ToArray());
        Assert.DoesNotContain("message (textarea)", record.Activities[1].DataCategories);
    }

    [Fact]
    [Trait("Requirement", "ROPA-1")]
    public void ToJson_HasVersionedSchemaAndReadableFrenchText()
    {
        var json = Generate().ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(RecordOfProcessing.SchemaVersion, document.RootElement.GetProperty("schema").GetString());
        Assert.Equal("2026-11-12T09:30:15.123Z", document.RootElement.GetProperty("generatedAt").GetString());
        var first = document.RootElement.GetProperty("activities")[0];
        Assert.Equal(1095, first.GetProperty("retentionDays").GetDouble());
        Assert.Contains("enregistrées", json, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-1")]
    public void ToMarkdown_HasASectionPerPurposeAndSaysWhatTheControllerMustComplete()
    {
        var markdown = Generate().ToMarkdown();

        Assert.StartsWith("# Record of processing activities (GDPR Art. 30)", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## newsletter\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## partners\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Retention:** 1095 days after the last active contact", markdown, StringComparison.Ordinal);
        Assert.Contains("to be completed by the controller", markdown, StringComparison.Ordinal);
    }
}
