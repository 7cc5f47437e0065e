using Microsoft.EntityFrameworkCore;
using Optin.Forms.DependencyInjection;

namespace LandingPage;

/// <summary>Chooses the sample's store from <c>OptinForms:Storage:Provider</c> and <c>ConnectionStrings:Optin</c>.</summary>
/// <remarks>
/// The sample references both provider packages so that one build runs on either database; a site references the one it
/// uses: <c>Optin.Forms.EntityFrameworkCore.Sqlite</c> (<c>UseSqlite</c>) or <c>Optin.Forms.EntityFrameworkCore.PostgreSql</c>
/// (<c>UseNpgsql</c>).
/// </remarks>
internal static class SampleStorage
{
    public static void Use(OptinFormsBuilder optin, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["OptinForms:Storage:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Optin");
        if (provider.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            optin.UseInMemoryStore();
            return;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:Optin is required with OptinForms:Storage:Provider {provider}.");
        }

        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            connectionString = RootedUnder(connectionString, environment.ContentRootPath);
            optin.UseEntityFrameworkCore(o => o.UseSqlite(connectionString)).ApplyMigrationsAtStartup();
        }
        else if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            optin.UseEntityFrameworkCore(o => o.UseNpgsql(connectionString)).ApplyMigrationsAtStartup();
        }
        else
        {
            throw new InvalidOperationException($"OptinForms:Storage:Provider: expected Sqlite, PostgreSql or InMemory, found '{provider}'");
        }
    }

    /// <summary>
    /// Resolves a relative SQLite file (App_Data/optin.db) against the content root, whatever the working folder, and
    /// creates its folder so a fresh clone runs as is.
    /// </summary>
    private static string RootedUnder(string connectionString, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}
