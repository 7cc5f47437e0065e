using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Infrastructure.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;

[assembly: Optin.Forms.EntityFrameworkCore.Storage.OptinStorageProvider(typeof(Optin.Forms.EntityFrameworkCore.Storage.Sqlite.SqliteStorageProvider))]

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// The SQLite provider of the EF Core store: <see cref="OptinSqliteDbContext"/> and its migrations, the group commit
/// (<see cref="SqliteGroupCommit"/>), <c>secure_delete</c> on every connection (DSR-5), WAL journaling and the database
/// file's folder at start-up, and bulk batches through a temporary table.
/// </summary>
internal sealed class SqliteStorageProvider : OptinStorageProvider
{
    private readonly SqliteWriters? _writers;

    /// <summary>The instance that finds the provider and registers its services (it opens no database).</summary>
    public SqliteStorageProvider()
    {
    }

    /// <summary>A host's instance, whose writers are the host's own (no process-wide registry).</summary>
    public SqliteStorageProvider(SqliteWriters writers) => _writers = writers;

    public override string PackageName => "Optin.Forms.EntityFrameworkCore.Sqlite";

    public override SqlDialect Dialect => SqliteDialect.Instance;

#pragma warning disable EF1001 // SqliteOptionsExtension is EF Core's "pubternal" API: the type is what identifies the provider.
    public override bool Handles(IDbContextOptions options) => options.FindExtension<SqliteOptionsExtension>() is not null;
#pragma warning restore EF1001

    public override void UseOwnContext(OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        builder.Services.AddDbContextFactory<OptinSqliteDbContext>(o =>
        {
            configure(o);

            // Erased rows are overwritten on disk, not left in free pages (DSR-5).
            o.AddInterceptors(SqliteSecureDeleteInterceptor.Instance);
        });
        OptinFormsEntityFrameworkCoreExtensions.UseSource<OptinSqliteDbContext>(builder);
    }

    public override IOptinWriter? Writer(DbContext context) =>
        (_writers ?? throw new InvalidOperationException("This SqliteStorageProvider belongs to no host: resolve it from the host's container."))
        .For(context);

    /// <inheritdoc/>
    public override void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // The SQLite writers live as long as the host, which disposes them (no process-wide registry).
        services.TryAddSingleton(sp => new SqliteWriters(sp.GetRequiredService<TimeProvider>(), SqliteEngineOptions.FromEnvironment()));
    }

    /// <summary>Creates the database file's folder and switches the database to WAL journaling (readers do not wait for writers).</summary>
    public override async ValueTask PrepareDatabaseAsync(DbContext context, CancellationToken cancellationToken)
    {
        var database = context.Database;
        CreateSqliteFolder(database.GetConnectionString());
        await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public override ValueTask BeginBulkAsync(DbContext db, CancellationToken cancellationToken) => SqliteBulkOptin.BeginAsync(db, cancellationToken);

    public override ValueTask<BulkOptinWriter.Batch> BulkBatchAsync(DbContext db, BulkOptinStatements statements, BulkOptinChange change,
        IdRange range, CancellationToken cancellationToken) =>
        SqliteBulkOptin.BatchAsync(db, statements, change, range, cancellationToken);

    public override ValueTask EndBulkAsync(DbContext db, CancellationToken cancellationToken) => SqliteBulkOptin.EndAsync(db, cancellationToken);

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
