using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.EntityFrameworkCore;
using Optin.Forms.Submissions;

namespace Optin.Forms.Cli.Tests;

public sealed class RightsCommandTests : IDisposable
{
    private const string Settings = """
        {
          "ConnectionStrings": { "Optin": "Data Source=optin.db" },
          "OptinForms": {
            "BaseUrl": "https://example.test",
            "Mail": { "From": "Atelier Dupont <bonjour@atelier-dupont.example>" },
            "DefaultCulture": "fr",
            "Storage": { "Provider": "Sqlite" },
            "DataProtection": { "Controller": "Atelier Dupont SARL", "PrivacyNoticeUrl": "/confidentialite" },
            "Purposes": {
              "newsletter": {
                "Marketing": true,
                "Retention": "1095.00:00:00",
                "Texts": { "fr": { "Consent": "J'accepte de recevoir la lettre d'information.", "Purpose": "Envoi de la lettre d'information." } }
              }
            },
            "Forms": {
              "newsletter": {
                "Fields": [ { "Name": "email", "Kind": "Email", "Required": true }, { "Name": "firstName", "Kind": "Text" } ],
                "Consents": [ "newsletter" ]
              }
            }
          }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("optin-cli-rights-").FullName;

    [Fact]
    [Trait("Requirement", "DSR-1")]
    [Trait("Requirement", "DSR-2")]
    [Trait("Requirement", "DOI-10")]
    [Trait("Requirement", "DSR-6")]
    public async Task ExportThenErase_SqliteStoreFromAppsettings_ExportsErasesAndThenFindsNothing()
    {
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, Settings);
        var contactId = await SeedAsync();

        var (code, output, _) = await Run("export", contactId.ToString(), "--settings", settings);
        Assert.Equal(OptinCommand.Ok, code);
        using (var export = JsonDocument.Parse(output))
        {
            Assert.Equal("optin.export/1", export.RootElement.GetProperty("schema").GetString());
            Assert.Equal("Jean", export.RootElement.GetProperty("contact").GetProperty("fields").GetProperty("firstName").GetString());
        }

        var html = Path.Combine(_folder, "evidence.html");
        Assert.Equal(OptinCommand.Ok, (await Run("export", contactId.ToString(), "--settings", settings, "--evidence", "html", "--out", html)).Code);
        Assert.Contains("J&#x27;accepte de recevoir la lettre d&#x27;information.", await File.ReadAllTextAsync(html), StringComparison.Ordinal);

        var access = Path.Combine(_folder, "access.html");
        Assert.Equal(OptinCommand.Ok, (await Run("export", contactId.ToString(), "--settings", settings, "--access", "--culture", "en", "--out", access)).Code);
        var accessReport = await File.ReadAllTextAsync(access);
        Assert.Contains("<html lang=\"en\">", accessReport, StringComparison.Ordinal);
        Assert.Contains("your data will be erased on", accessReport, StringComparison.Ordinal);
        Assert.Contains("CNIL", accessReport, StringComparison.Ordinal);

        Assert.Equal(OptinCommand.Usage, (await Run("erase", contactId.ToString(), "--settings", settings, "--actor", "dpo")).Code);
        (code, output, _) = await Run("erase", contactId.ToString(), "--settings", settings, "--actor", "dpo", "--reason", "data-subject-request", "--reference", "DPO-2026-017");
        Assert.Equal(OptinCommand.Ok, code);
        using (var report = JsonDocument.Parse(output))
        {
            Assert.Equal(1, report.RootElement.GetProperty("removed").GetProperty("submissions").GetInt32());
            Assert.Equal("suppression", report.RootElement.GetProperty("kept")[1].GetProperty("what").GetString());
            Assert.Equal(JsonValueKind.Array, report.RootElement.GetProperty("disclosedTo").ValueKind);
        }

        // The erased contact answers its tombstone (DSR-5); one never seen is still "no contact".
        (code, output, _) = await Run("export", contactId.ToString(), "--settings", settings, "--portable");
        Assert.Equal(OptinCommand.Ok, code);
        using (var tombstone = JsonDocument.Parse(output))
        {
            Assert.True(tombstone.RootElement.GetProperty("erased").GetBoolean());
            Assert.Equal("data-subject-request", tombstone.RootElement.GetProperty("reasonCode").GetString());
            Assert.Equal("DPO-2026-017", tombstone.RootElement.GetProperty("reference").GetString());
            Assert.Equal("dpo", tombstone.RootElement.GetProperty("actor").GetString());
        }

        var (missing, _, error) = await Run("export", Guid.NewGuid().ToString(), "--settings", settings, "--portable");
        Assert.Equal(RightsCommand.NotFound, missing);
        Assert.Contains("no contact", error, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "DSR-5")]
    [InlineData("Art. 17 request", null, "--reason must be one of")]
    [InlineData("data-subject-request", "Jean Dupont", "--reference is")]
    public async Task Erase_FreeTextReasonOrANameInTheReference_IsAUsageErrorAndErasesNothing(string reason, string? reference, string message)
    {
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, Settings);
        var contactId = await SeedAsync();
        string[] args = ["erase", contactId.ToString(), "--settings", settings, "--actor", "dpo", "--reason", reason];

        var (code, _, error) = await Run(reference is null ? args : [.. args, "--reference", reference]);

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(OptinCommand.Ok, (await Run("export", contactId.ToString(), "--settings", settings)).Code);
        Assert.Contains("Jean", (await Run("export", contactId.ToString(), "--settings", settings)).Out, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task Archive_AfterTheRetentionSweepErasedAWithdrawnProspect_PrintsItsArchivedProofOnly()
    {
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, Settings.Replace("\"Storage\": { \"Provider\": \"Sqlite\" },",
            "\"Storage\": { \"Provider\": \"Sqlite\" }, \"Retention\": { \"Archive\": true },", StringComparison.Ordinal));
        var contactId = await SeedAsync(withdraw: true);

        var (swept, sweptOutput, _) = await Run("retention", "--settings", settings);
        var (code, output, _) = await Run("archive", contactId.ToString(), "--settings", settings);
        var (exported, exportedOutput, _) = await Run("export", contactId.ToString(), "--settings", settings, "--evidence", "json");
        var (unknown, _, error) = await Run("archive", Guid.NewGuid().ToString(), "--settings", settings);

        Assert.Equal(OptinCommand.Ok, swept);
        Assert.Contains("1 erased", sweptOutput, StringComparison.Ordinal);
        Assert.Contains("consent proofs archived: 1;", sweptOutput, StringComparison.Ordinal);
        Assert.Equal(OptinCommand.Ok, code);
        using (var archive = JsonDocument.Parse(output))
        {
            Assert.Equal("optin.archive/1", archive.RootElement.GetProperty("schema").GetString());
            var evidence = archive.RootElement.GetProperty("evidence");
            Assert.Equal("jean.dupont@exemple.fr", evidence.GetProperty("contact").GetProperty("email").GetString());
            Assert.Contains(evidence.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Given"
                && e.GetProperty("consentText").GetString() == "J'accepte de recevoir la lettre d'information.");
        }

        // The normal export answers the tombstone (DSR-5), never the archived proof.
        Assert.Equal(OptinCommand.Ok, exported);
        Assert.Contains("\"erased\": true", exportedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("jean.dupont@exemple.fr", exportedOutput, StringComparison.Ordinal);
        Assert.Equal(RightsCommand.NotFound, unknown);
        Assert.Contains("no archived proof", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_NoConnectionString_ExitsWithUsageCode()
    {
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, Settings.Replace("\"Optin\": \"Data Source=optin.db\"", "\"Other\": \"x\"", StringComparison.Ordinal));

        var (code, _, error) = await Run("export", Guid.NewGuid().ToString(), "--settings", settings);

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains("ConnectionStrings:Optin is not set", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Guid> SeedAsync(bool withdraw = false)
    {
        var connection = $"Data Source={Path.Combine(_folder, "optin.db")}";
        await using (var db = new OptinSqliteDbContext(new DbContextOptionsBuilder<OptinSqliteDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(_folder, "appsettings.json")).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(configuration.GetSection("OptinForms")).UseEntityFrameworkCore(o => o.UseSqlite(connection));
        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<SubmissionPipeline>().SubmitAsync(new SubmissionRequest("newsletter",
            [new("email", "jean.dupont@exemple.fr"), new("firstName", "Jean"), new("consent.newsletter", "true")],
            new SubmissionContext("fr", "https://example.test/", "203.0.113.7", "Mozilla/5.0")), CancellationToken.None);
        Assert.True(result.Succeeded);
        if (withdraw)
        {
            var change = new Optin.Forms.Contacts.ManualOptinChange(result.ContactId!.Value, "newsletter", Optin.Forms.Contacts.OptinState.Withdrawn,
                "dpo", "asked by phone", "Art. 7(3)");
            Assert.True((await provider.GetRequiredService<Optin.Forms.Contacts.ContactOptinService>().SetOptinAsync(change, CancellationToken.None)).Succeeded);
        }

        return result.ContactId!.Value;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await OptinCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
