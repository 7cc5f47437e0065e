using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.DependencyInjection;
using Optin.Forms.Rights;

namespace Optin.Forms.Cli;

/// <summary>
/// <c>optin export</c> and <c>optin erase</c>: the data subject's rights on the configured EF Core store
/// (<c>OptinForms:Storage:Provider</c> <c>Sqlite</c> or <c>PostgreSql</c>, <c>ConnectionStrings:Optin</c>), with the
/// same configuration as the site, so that the suppression hash uses the site's <c>DoubleOptin:HashKey</c>.
/// </summary>
internal static class RightsCommand
{
    public const int NotFound = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 3 || !Guid.TryParse(args[1], out var contactId))
        {
            await stderr.WriteLineAsync("optin: expected a contact id and at least one appsettings file");
            return OptinCommand.Usage;
        }

        string? mode = null, actor = null, reason = null, connection = null, output = null;
        var files = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--portable": mode = "portable"; break;
                case "--evidence" when value is "json" or "html": mode = "evidence-" + value; i++; break;
                case "--actor" when value is not null: actor = value; i++; break;
                case "--reason" when value is not null: reason = value; i++; break;
                case "--connection" when value is not null: connection = value; i++; break;
                case "--out" when value is not null: output = value; i++; break;
                default: files.Add(args[i]); break;
            }
        }

        var erase = args[0] == "erase";
        if (files.Count == 0 || files.Any(f => f.StartsWith("--", StringComparison.Ordinal))
            || (erase && (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason) || mode is not null)))
        {
            await stderr.WriteLineAsync(erase ? "optin erase: --actor and --reason are required" : "optin export: unknown option");
            return OptinCommand.Usage;
        }

        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            await stderr.WriteLineAsync($"optin: no such file: {missing}");
            return OptinCommand.Usage;
        }

        var builder = new ConfigurationBuilder();
        files.ForEach(f => builder.AddJsonFile(Path.GetFullPath(f), optional: false, reloadOnChange: false));
        var configuration = builder.Build();
        var root = Path.GetDirectoryName(Path.GetFullPath(files[0]))!;
        await using var provider = BuildServices(configuration, connection ?? configuration.GetConnectionString("Optin"), root, out var problem);
        if (provider is null)
        {
            await stderr.WriteLineAsync($"optin: {problem}");
            return OptinCommand.Usage;
        }

        if (erase)
        {
            var report = await provider.GetRequiredService<PersonalDataService>().EraseAsync(contactId, actor!, reason!, CancellationToken.None);
            if (report is null)
            {
                await stderr.WriteLineAsync($"optin: no contact {contactId}");
                return NotFound;
            }

            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                contactId = report.ContactId,
                erasedAt = report.ErasedAt.ToString(),
                removed = report.Removed,
                kept = report.Kept.Select(k => new { what = k.What, count = k.Count, reason = k.Reason }),
            }, Indented));
            return OptinCommand.Ok;
        }

        await using Stream stream = output is null ? new MemoryStream() : File.Create(output);
        var found = mode switch
        {
            "portable" => await provider.GetRequiredService<PersonalDataService>().ExportPortableAsync(contactId, stream, CancellationToken.None),
            "evidence-json" => await provider.GetRequiredService<EvidenceService>().WriteEvidenceJsonAsync(contactId, stream, CancellationToken.None),
            "evidence-html" => await provider.GetRequiredService<EvidenceService>().WriteEvidenceHtmlAsync(contactId, stream, CancellationToken.None),
            _ => await provider.GetRequiredService<PersonalDataService>().ExportAsync(contactId, stream, CancellationToken.None),
        };
        if (!found)
        {
            await stream.DisposeAsync();
            if (output is not null)
            {
                File.Delete(output);
            }

            await stderr.WriteLineAsync($"optin: no contact {contactId}");
            return NotFound;
        }

        if (stream is MemoryStream buffer)
        {
            await stdout.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return OptinCommand.Ok;
    }

    private static ServiceProvider? BuildServices(IConfiguration configuration, string? connectionString, string root, out string? problem)
    {
        var kind = configuration["OptinForms:Storage:Provider"] ?? "Sqlite";
        problem = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problem = "no connection string: set ConnectionStrings:Optin or pass --connection";
            return null;
        }

        var services = new ServiceCollection().AddLogging();
        var optin = services.AddOptinForms(configuration.GetSection(OptinFormsOptions.SectionName));
        if (kind.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // A relative database file is relative to the first appsettings file, as it is to the site's content root.
            var sqlite = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
            if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:")
            {
                sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, root);
            }

            optin.UseEntityFrameworkCore(o => o.UseSqlite(sqlite.ToString()));
        }
        else if (kind.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            optin.UseEntityFrameworkCore(o => o.UseNpgsql(connectionString));
        }
        else
        {
            problem = $"OptinForms:Storage:Provider must be Sqlite or PostgreSql, found '{kind}'";
            return null;
        }

        return services.BuildServiceProvider();
    }
}
