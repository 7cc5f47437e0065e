using System.Net;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>The record of processing of the sample, from the admin API (ROPA-2).</summary>
[Trait("Requirement", "ROPA-2")]
public sealed class AdminRopaApiTests : IDisposable
{
    private const string Key = "test-admin-key-0123456789";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key));

    public void Dispose() => _app.Dispose();

    private HttpClient Client(string? key = Key)
    {
        var client = _app.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    [Fact]
    public async Task Ropa_WithoutTheKey_Answers401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(null).GetAsync("/optin/admin/ropa")).StatusCode);
    }

    [Fact]
    public async Task Ropa_Json_FilesTheQuoteRequestUnderItsOwnProcessingWithTheRecipientsTheRulesReveal()
    {
        var response = await Client().GetAsync("/optin/admin/ropa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("optin-forms/ropa/2", root.GetProperty("schema").GetString());
        Assert.Equal("fr", root.GetProperty("culture").GetString());
        Assert.Equal("Claire Martin, déléguée à la protection des données, dpo@atelier-dupont.example",
            root.GetProperty("controller").GetProperty("dpo").GetString());
        var activities = root.GetProperty("activities").EnumerateArray().ToList();
        var newsletter = activities.Single(a => a.GetProperty("purposeId").GetString() == "newsletter");
        var quote = activities.Single(a => a.GetProperty("formId").GetString() == "contact");
        Assert.DoesNotContain("message (textarea)", newsletter.GetProperty("dataCategories").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("message (textarea)", quote.GetProperty("dataCategories").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("company (text)", quote.GetProperty("dataCategories").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("Contract", quote.GetProperty("legalBasis").GetString());
        Assert.Equal("Prospects qui demandent un devis ou à être contactés", quote.GetProperty("dataSubjects").GetString());
        var recipients = quote.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal("Le service commercial d'Atelier Dupont.", recipients[0]);
        Assert.Contains("e-mail à ventes@atelier-dupont.example (règle « notify-sales »)", recipients);
        Assert.Contains(recipients, r => r!.StartsWith("dossier de dépôt ", StringComparison.Ordinal));
        Assert.Equal("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon, contact@atelier-dupont.example",
            quote.GetProperty("controllerContact").GetString());
        Assert.StartsWith("Accès au back-office réservé", quote.GetProperty("securityMeasures").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ropa_MarkdownInEnglish_HasEnglishHeadings()
    {
        var response = await Client().GetAsync("/optin/admin/ropa?format=md&culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Record of processing activities (GDPR Art. 30)", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## contact (processing of the form's data)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Data protection officer:** Claire Martin", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ropa_UnknownFormat_Answers400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Client().GetAsync("/optin/admin/ropa?format=pdf")).StatusCode);
    }
}
