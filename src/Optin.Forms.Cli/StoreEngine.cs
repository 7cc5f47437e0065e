using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Optin.Forms.DependencyInjection;

namespace Optin.Forms.Cli;

/// <summary>
/// The engine over the store a site's settings name (<c>OptinForms:Storage:Provider</c>, <c>ConnectionStrings:Optin</c>),
/// as the sample site chooses it. No hosted service runs: no mail leaves from the command line.
/// </summary>
internal static class StoreEngine
{
    /// <summary>
    /// Loads the settings files, checks their <c>OptinForms</c> section (printing every problem with its path), and builds
    /// the engine over the site's store: the common start of every command that works on a store.
    /// </summary>
    /// <returns>The services, or null and the exit code to return.</returns>
    public static async Task<(ServiceProvider? Services, int ExitCode)> OpenAsync(IReadOnlyList<string> settings, string? connectionString,
        bool migrate, TextWriter stdout, TextWriter stderr)
    {
        if (await OptinCommand.LoadAsync(settings, stderr) is not { } configuration)
        {
            return (null, OptinCommand.Usage);
        }

        if (connectionString is not null)
        {
            configuration["ConnectionStrings:Optin"] = connectionString;
        }

        var (catalog, failures) = OptinCommand.Validate(configuration.GetSection(OptinFormsOptions.SectionName));
        if (catalog is null)
        {
            await stdout.WriteLineAsync($"{failures.Count} problem{(failures.Count == 1 ? "" : "s")}:");
            foreach (var failure in failures)
            {
                await stdout.WriteLineAsync("  " + failure);
            }

            return (null, OptinCommand.Invalid);
        }

        try
        {
            return (Build(configuration, Path.GetDirectoryName(Path.GetFullPath(settings[0]))!, migrate), OptinCommand.Ok);
        }
        catch (InvalidOperationException e)
        {
            await stderr.WriteLineAsync($"optin: {e.Message}");
            return (null, OptinCommand.Usage);
        }
    }

    /// <summary>Builds the services; throws <see cref="InvalidOperationException"/> with a readable message when the store is not usable.</summary>
    public static ServiceProvider Build(IConfiguration configuration, string settingsFolder, bool migrate)
    {
        var provider = configuration["OptinForms:Storage:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Optin");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Optin is not set: the command needs the site's database.");
        }

        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var optin = services.AddOptinForms(configuration.GetSection(OptinFormsOptions.SectionName));
        OptinFormsBuilder store;
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var rooted = RootedUnder(connectionString, settingsFolder, migrate);
            store = optin.UseEntityFrameworkCore(o => o.UseSqlite(rooted));
        }
        else if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            store = optin.UseEntityFrameworkCore(o => o.UseNpgsql(connectionString));
        }
        else
        {
            throw new InvalidOperationException($"OptinForms:Storage:Provider: expected Sqlite or PostgreSql, found '{provider}'.");
        }

        if (migrate)
        {
            store.ApplyMigrationsAtStartup();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Runs the store's own start-up work (the migrations, when asked for), and nothing else of the host's.</summary>
    public static async Task StartStoreAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var storeAssembly = typeof(OptinFormsEntityFrameworkCoreExtensions).Assembly;
        foreach (var hosted in services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == storeAssembly))
        {
            await hosted.StartAsync(cancellationToken);
        }
    }

    /// <summary>Resolves a relative SQLite file against the settings' folder; with migrations, creates its folder as the sample does.</summary>
    private static string RootedUnder(string connectionString, string folder, bool create)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, folder);
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
