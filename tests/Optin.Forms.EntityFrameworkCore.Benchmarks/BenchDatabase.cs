using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Optin.Forms.EntityFrameworkCore.Storage;

namespace Optin.Forms.EntityFrameworkCore.Benchmarks;

/// <summary>A fresh database (a SQLite file, or a PostgreSQL schema) with the store on it.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanup;

    private BenchDatabase(string name, bool isPostgres, ServiceProvider services, Func<ValueTask> cleanup)
    {
        Name = name;
        IsPostgres = isPostgres;
        Services = services;
        _cleanup = cleanup;
    }

    public string Name { get; }

    public bool IsPostgres { get; }

    public ServiceProvider Services { get; }

    public static async Task<BenchDatabase> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("optin-bench-");
        var cs = $"Data Source={Path.Combine(folder.FullName, "bench.db")}";
        return await StartAsync("SQLite", false, o => o.UseSqlite(cs), () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(true);
            return ValueTask.CompletedTask;
        });
    }

    public static async Task<BenchDatabase> PostgresAsync(string server)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        var cs = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, CommandTimeout = 600 }.ConnectionString;
        return await StartAsync("PostgreSQL", true, o => o.UseNpgsql(cs, n => n.CommandTimeout(600)), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP SCHEMA {schema} CASCADE");
        });
    }

    /// <summary>Runs raw SQL on a context of the store (for seeding, resetting and the hand-written baseline).</summary>
    public async Task<int> SqlAsync(string sql, bool inTransaction = false)
    {
        await using var lease = await Services.GetRequiredService<IOptinDbContextSource>().CreateAsync(CancellationToken.None);
        lease.Context.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!inTransaction)
        {
            return await lease.Context.Database.ExecuteSqlRawAsync(sql);
        }

        await using var tx = await lease.Context.Database.BeginTransactionAsync();
        var rows = 0;
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
        {
            rows += await lease.Context.Database.ExecuteSqlRawAsync(statement);
        }

        await tx.CommitAsync();
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _cleanup();
    }

    private static async Task<BenchDatabase> StartAsync(string name, bool isPostgres, Action<DbContextOptionsBuilder> provider, Func<ValueTask> cleanup)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptinForms(Settings()).UseEntityFrameworkCore(provider);
        var sp = services.BuildServiceProvider();
        await OptinDatabaseInitializer.MigrateAsync(sp.GetRequiredService<IOptinDbContextSource>(), CancellationToken.None);
        return new BenchDatabase(name, isPostgres, sp, cleanup);
    }

    internal static IConfigurationSection Settings() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["OptinForms:BaseUrl"] = "https://example.test",
        ["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>",
        ["OptinForms:DefaultCulture"] = "fr",
        ["OptinForms:DataProtection:Controller"] = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
        ["OptinForms:DataProtection:PrivacyNoticeUrl"] = "/confidentialite",
        ["OptinForms:Purposes:newsletter:Marketing"] = "true",
        ["OptinForms:Purposes:newsletter:Retention"] = "1095.00:00:00",
        ["OptinForms:Purposes:newsletter:Texts:fr:Consent"] = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.",
        ["OptinForms:Purposes:newsletter:Texts:fr:Purpose"] = "Les informations recueillies sont enregistrées par Atelier Dupont pour l'envoi de sa lettre.",
        ["OptinForms:Forms:newsletter:Fields:0:Name"] = "email",
        ["OptinForms:Forms:newsletter:Fields:0:Kind"] = "Email",
        ["OptinForms:Forms:newsletter:Fields:0:Required"] = "true",
        ["OptinForms:Forms:newsletter:Fields:1:Name"] = "firstName",
        ["OptinForms:Forms:newsletter:Fields:1:Kind"] = "Text",
        ["OptinForms:Forms:newsletter:Consents:0"] = "newsletter",
        ["OptinForms:Forms:newsletter:SuccessPage"] = "/merci",
    }).Build().GetSection("OptinForms");

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
