using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.EntityFrameworkCore;
using Optin.Forms.Submissions;

namespace Optin.Forms.Cli.Tests;

/// <summary><c>optin verify</c> and <c>optin checkpoint</c> on a SQLite store (LEDG-1).</summary>
public sealed class LedgerCommandTests : IDisposable
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
                "Fields": [ { "Name": "email", "Kind": "Email", "Required": true } ],
                "Consents": [ "newsletter" ]
              }
            }
          }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("optin-cli-ledger-").FullName;

    private string SettingsFile => Path.Combine(_folder, "appsettings.json");

    private string Connection => $"Data Source={Path.Combine(_folder, "optin.db")}";

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_EditedEntryBySql_ExitsFourNamingTheFirstBrokenEntryAndOtherContactsStillVerify()
    {
        await File.WriteAllTextAsync(SettingsFile, Settings);
        var (jean, marie) = (await SeedAsync("jean.dupont@exemple.fr"), await SeedAsync("marie.martin@exemple.fr"));
        var (code, output, _) = await Run("verify", "--settings", SettingsFile);
        Assert.Equal(OptinCommand.Ok, code);
        using (var report = JsonDocument.Parse(output))
        {
            Assert.True(report.RootElement.GetProperty("intact").GetBoolean());
            Assert.Equal(2, report.RootElement.GetProperty("contacts").GetInt32());
        }

        var sequence = await ExecuteAsync("UPDATE optin_consent_events SET consent_text = 'J''accepte tout.' WHERE contact_id = @id RETURNING sequence", jean);

        (code, output, var error) = await Run("verify", "--settings", SettingsFile);
        Assert.Equal(LedgerCommand.Broken, code);
        using (var report = JsonDocument.Parse(output))
        {
            var first = report.RootElement.GetProperty("firstBroken");
            Assert.Equal(jean, first.GetProperty("contactId").GetGuid());
            Assert.Equal(sequence, first.GetProperty("sequence").GetInt64());
            Assert.Equal("HashMismatch", first.GetProperty("kind").GetString());
        }

        Assert.Contains($"contact {jean}, sequence {sequence}: HashMismatch", error, StringComparison.Ordinal);
        Assert.Equal(OptinCommand.Ok, (await Run("verify", "--settings", SettingsFile, "--contact", marie.ToString())).Code);
    }

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task VerifyAgainstCheckpoint_EntryDeletedBeforeIt_ExitsFour()
    {
        await File.WriteAllTextAsync(SettingsFile, Settings);
        var jean = await SeedAsync("jean.dupont@exemple.fr");
        await SeedAsync("marie.martin@exemple.fr");
        var checkpoint = Path.Combine(_folder, "checkpoint.json");
        Assert.Equal(OptinCommand.Ok, (await Run("checkpoint", "--settings", SettingsFile, "--out", checkpoint)).Code);
        using (var file = JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)))
        {
            Assert.Equal("optin-ledger-checkpoint/1", file.RootElement.GetProperty("format").GetString());
            Assert.Equal(2, file.RootElement.GetProperty("count").GetInt32());
            Assert.Matches("^[0-9a-f]{64}$", file.RootElement.GetProperty("digest").GetString());
        }

        Assert.Equal(OptinCommand.Ok, (await Run("verify", "--settings", SettingsFile, "--checkpoint", checkpoint)).Code);

        // Every trace of the contact goes, head included: only the checkpoint still knows it existed.
        await ExecuteAsync("DELETE FROM optin_consent_events WHERE contact_id = @id", jean);
        await ExecuteAsync("DELETE FROM optin_chain_heads WHERE contact_id = @id", jean);

        Assert.Equal(OptinCommand.Ok, (await Run("verify", "--settings", SettingsFile)).Code);
        var (code, output, _) = await Run("verify", "--settings", SettingsFile, "--checkpoint", checkpoint);
        Assert.Equal(LedgerCommand.Broken, code);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(jean, report.RootElement.GetProperty("firstBroken").GetProperty("contactId").GetGuid());
        Assert.Equal("CheckpointMismatch", report.RootElement.GetProperty("firstBroken").GetProperty("kind").GetString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Guid> SeedAsync(string email)
    {
        await using (var db = new OptinSqliteDbContext(new DbContextOptionsBuilder<OptinSqliteDbContext>().UseSqlite(Connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        var configuration = new ConfigurationBuilder().AddJsonFile(SettingsFile).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(configuration.GetSection("OptinForms")).UseEntityFrameworkCore(o => o.UseSqlite(Connection));
        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<SubmissionPipeline>().SubmitAsync(new SubmissionRequest("newsletter",
            [new("email", email), new("consent.newsletter", "true")],
            new SubmissionContext("fr", "https://example.test/", "203.0.113.7", "Mozilla/5.0")), CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.ContactId!.Value;
    }

    /// <summary>Plain SQL on the database file, behind the library's back; the first value returned, if any.</summary>
    private async Task<long?> ExecuteAsync(string sql, Guid contactId)
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", contactId.ToString().ToUpperInvariant());
        return await command.ExecuteScalarAsync() is long value ? value : null;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await OptinCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
