using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.Cli.Tests;

/// <summary><c>optin import</c> and <c>optin retention</c> against a real SQLite file.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private const string Settings = StoreSettings.Json;

    private readonly string _folder = Directory.CreateTempSubdirectory("optin-cli-store-").FullName;
    private readonly string _settings;

    public StoreCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        _settings = Write("appsettings.json", Settings);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await OptinCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private ServiceProvider Store() =>
        StoreEngine.Build(new ConfigurationBuilder().AddJsonFile(_settings).Build(), _folder, migrate: false);

    private async Task<List<Contact>> ContactsAsync()
    {
        await using var services = Store();
        return await services.GetRequiredService<IOptinStore>().Contacts.QueryAsync(new ContactQuery(), default).ToListAsync();
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task Import_CsvIntoFreshSqliteFile_StoresContactsWithoutOptinAndReportsBadLines()
    {
        var csv = Write("salon-2026.csv", "email;firstName\nJean.Dupont@Exemple.FR;Jean\n\"marie@exemple.fr\";\"Marie\"\nnot-an-address;X\n");

        var (code, output, error) = await Run("import", csv, "--settings", _settings, "--source", "salon-2026.csv", "--actor", "marie", "--migrate");

        Assert.Equal((OptinCommand.Ok, ""), (code, error));
        Assert.Contains("  imported: 2", output, StringComparison.Ordinal);
        Assert.Contains("  invalid: 1", output, StringComparison.Ordinal);
        Assert.Contains("    line 4: OPTIN2004", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "optin.db")));
        var contacts = await ContactsAsync();
        Assert.Equal(["jean.dupont@exemple.fr", "marie@exemple.fr"], contacts.Select(c => c.EmailKey).Order(StringComparer.Ordinal));
        Assert.All(contacts, c => Assert.Empty(c.Optins));
        Assert.All(contacts, c => Assert.Equal("salon-2026.csv", c.Fields["import.source"]));
    }

    [Fact]
    public async Task Import_DryRun_StoresNothing()
    {
        var csv = Write("salon.csv", "email\njean@exemple.fr\n");

        var (code, output, _) = await Run("import", csv, "--settings", _settings, "--source", "salon.csv", "--actor", "marie", "--dry-run", "--migrate");

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Contains("(dry run: nothing stored)", output, StringComparison.Ordinal);
        Assert.Contains("  imported: 1", output, StringComparison.Ordinal);
        Assert.Empty(await ContactsAsync());
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    public async Task Import_RequestDoubleOptin_QueuesOneJobPerContactAndOptsNobodyIn()
    {
        var csv = Write("salon.csv", "email\njean@exemple.fr\nmarie@exemple.fr\n");

        var (code, output, _) = await Run("import", csv, "--settings", _settings, "--source", "salon.csv", "--actor", "marie",
            "--request-double-optin", "newsletter", "--migrate");

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Contains("double opt-in requested: 2", output, StringComparison.Ordinal);
        await using var services = Store();
        var jobs = await services.GetRequiredService<IOptinStore>().Jobs.ListJobsAsync(null, default).ToListAsync();
        Assert.Equal(2, jobs.Count(j => j.Action == "SendDoubleOptinEmail" && j.PurposeId == "newsletter"));
        Assert.All(await ContactsAsync(), c => Assert.Equal(OptinState.None, c.GetState("newsletter")));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    [Trait("Requirement", "RET-3")]
    public async Task Retention_ThenReimport_ErasesTheExpiredProspectAndSkipsItsAddress()
    {
        var csv = Write("salon.csv", "email\njean@exemple.fr\nmarie@exemple.fr\n");
        Assert.Equal(OptinCommand.Ok, (await Run("import", csv, "--settings", _settings, "--source", "salon.csv", "--actor", "marie", "--migrate")).Code);
        await using (var services = Store())
        {
            var store = services.GetRequiredService<IOptinStore>();
            var jean = await store.Contacts.FindByEmailKeyAsync("jean@exemple.fr", default);
            await using var tx = await store.BeginTransactionAsync(default);
            await tx.Contacts.SaveAsync(jean! with { LastActivityAt = jean.LastActivityAt - Duration.FromDays(1096) }, default);
            await tx.CommitAsync(default);
        }

        var dry = await Run("retention", "--settings", _settings, "--dry-run");
        var real = await Run("retention", "--settings", _settings);
        var again = await Run("retention", "--settings", _settings);
        var reimport = await Run("import", csv, "--settings", _settings, "--source", "salon-bis.csv", "--actor", "marie");

        // Every prospect is examined (a withdrawal or a request's own retention can end a retention at any time, RET-4).
        const string Purged = "\n  consent proofs archived: 0; deleted: 0 finished job(s), 0 tombstone(s), 0 expired archived proof(s).";
        Assert.Equal("Retention sweep (dry run: nothing erased): 2 prospect(s) examined, 1 to erase, 1 kept." + Purged, dry.Out.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("Retention sweep: 2 prospect(s) examined, 1 erased, 1 kept." + Purged, real.Out.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("Retention sweep: 1 prospect(s) examined, 0 erased, 1 kept." + Purged, again.Out.Trim().ReplaceLineEndings("\n"));
        Assert.Contains("  skipped, suppressed: 1", reimport.Out, StringComparison.Ordinal);
        Assert.Contains("  updated: 1", reimport.Out, StringComparison.Ordinal);
        Assert.Equal(["marie@exemple.fr"], (await ContactsAsync()).Select(c => c.EmailKey));
    }

    [Fact]
    public async Task Import_WithoutSourceOrActor_ExitsWithUsage()
    {
        var csv = Write("salon.csv", "email\njean@exemple.fr\n");

        var (code, _, error) = await Run("import", csv, "--settings", _settings, "--actor", "marie");

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains("import needs a CSV file, --source and --actor", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileWithoutEmailColumn_IsRefused()
    {
        var csv = Write("salon.csv", "name\nJean\n");

        var (code, output, _) = await Run("import", csv, "--settings", _settings, "--source", "salon.csv", "--actor", "marie", "--migrate");

        Assert.Equal(OptinCommand.Failed, code);
        Assert.Equal("Refused: OPTIN2203 The header has no 'email' column.", output.Trim());
    }

    [Fact]
    public async Task Retention_DatabaseNotMigrated_ReportsTheStoreFailure()
    {
        var (code, _, error) = await Run("retention", "--settings", _settings);

        Assert.Equal(OptinCommand.Failed, code);
        Assert.StartsWith("optin: the store failed:", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
