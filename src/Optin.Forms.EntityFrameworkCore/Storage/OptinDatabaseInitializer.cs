using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Applies the migrations of the store's context at start-up (registered by <c>ApplyMigrationsAtStartup</c>).</summary>
internal sealed class OptinDatabaseInitializer(IOptinDbContextSource source) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await MigrateAsync(source, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task MigrateAsync(IOptinDbContextSource source, CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var database = lease.Context.Database;
        if (!SqlDialect.For(lease.Context).IsPostgreSql)
        {
            CreateSqliteFolder(database.GetConnectionString());
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the folder of a SQLite file (<c>App_Data/optin.db</c> on a fresh clone or server) so that a first start
    /// migrates instead of failing with "unable to open database file"; refuses an empty connection string.
    /// </summary>
    private static void CreateSqliteFolder(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException(
                "ApplyMigrationsAtStartup: the SQLite connection string has no Data Source. Set ConnectionStrings:Optin (for "
                + "example \"Data Source=App_Data/optin.db\"): without one, each connection opens its own temporary database.");
        }

        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
