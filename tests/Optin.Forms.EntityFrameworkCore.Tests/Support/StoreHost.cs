using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using Npgsql;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>A service provider with the EF Core store on a fresh database: a SQLite file, or a PostgreSQL schema.</summary>
internal sealed class StoreHost : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanup;

    private StoreHost(ServiceProvider services, string connectionString, bool isPostgres, Func<ValueTask> cleanup,
        IDictionary<string, string?>? settings)
    {
        Settings = settings;
        Services = services;
        ConnectionString = connectionString;
        IsPostgres = isPostgres;
        _cleanup = cleanup;
    }

    public ServiceProvider Services { get; }

    /// <summary>The configuration the host was built with (null: the sample's, <see cref="Some.Settings"/>).</summary>
    public IDictionary<string, string?>? Settings { get; }

    public string ConnectionString { get; }

    public bool IsPostgres { get; }

    public IOptinStore Store => Services.GetRequiredService<IOptinStore>();

    /// <summary>A store on a new SQLite file in a temporary folder, migrated with the shipped migrations.</summary>
    public static async Task<StoreHost> SqliteAsync(Action<OptinFormsBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("optin-sqlite-");
        var connectionString = $"Data Source={Path.Combine(folder.FullName, "optin.db")}";
        var host = await StartAsync(connectionString, false, configure, settings, () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return ValueTask.CompletedTask;
        });
        return host;
    }

    /// <summary>A store on a new schema of the <c>OPTIN_TEST_POSTGRES</c> database, migrated with the shipped migrations.</summary>
    public static async Task<StoreHost> PostgresAsync(Action<OptinFormsBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        var server = RequiresPostgresAttribute.ConnectionString
            ?? throw new InvalidOperationException(RequiresPostgresAttribute.SkipReason);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 30 }.ConnectionString;
        return await StartAsync(connectionString, true, configure, settings, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Another host (its own service provider) on the same database as this one.</summary>
    public Task<StoreHost> SiblingAsync(Action<OptinFormsBuilder>? configure = null) =>
        StartAsync(ConnectionString, IsPostgres, configure, Settings, () => ValueTask.CompletedTask);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _cleanup();
    }

    private static async Task<StoreHost> StartAsync(string connectionString, bool isPostgres, Action<OptinFormsBuilder>? configure,
        IDictionary<string, string?>? settings, Func<ValueTask> cleanup)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddOptinForms(Some.Section(settings)).UseClock(new FakeClock(Some.Now));
        builder.UseEntityFrameworkCore(o =>
        {
            if (isPostgres)
            {
                o.UseNpgsql(connectionString);
            }
            else
            {
                o.UseSqlite(connectionString);
            }
        });
        configure?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        await OptinDatabaseInitializer.MigrateAsync(provider.GetRequiredService<IOptinDbContextSource>(), CancellationToken.None);
        return new StoreHost(provider, connectionString, isPostgres, cleanup, settings);
    }
}
