using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;

[assembly: Optin.Forms.EntityFrameworkCore.Storage.OptinStorageProvider(typeof(Optin.Forms.EntityFrameworkCore.Storage.PostgreSql.PostgreSqlStorageProvider))]

namespace Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL provider of the EF Core store: <see cref="OptinPostgreSqlDbContext"/> and its migrations; every
/// transaction on a context and connection of its own (row locks, advisory locks and <c>SKIP LOCKED</c> let several
/// hosts share the database); bulk batches as two statements each.
/// </summary>
internal sealed class PostgreSqlStorageProvider : OptinStorageProvider
{
    public override string PackageName => "Optin.Forms.EntityFrameworkCore.PostgreSql";

    public override SqlDialect Dialect => PostgreSqlDialect.Instance;

#pragma warning disable EF1001 // NpgsqlOptionsExtension is the provider's "pubternal" API: the type is what identifies the provider.
    public override bool Handles(IDbContextOptions options) => IsNpgsql(options);

    /// <summary>Whether <paramref name="options"/> configure Npgsql's EF Core provider.</summary>
    internal static bool IsNpgsql(IDbContextOptions options) => options.FindExtension<NpgsqlOptionsExtension>() is not null;
#pragma warning restore EF1001

    public override void UseOwnContext(OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        builder.Services.AddDbContextFactory<OptinPostgreSqlDbContext>(configure);
        OptinFormsEntityFrameworkCoreExtensions.UseSource<OptinPostgreSqlDbContext>(builder);
    }

    public override ValueTask<BulkOptinWriter.Batch> BulkBatchAsync(DbContext db, BulkOptinStatements statements, BulkOptinChange change,
        IdRange range, CancellationToken cancellationToken) =>
        BulkOptinWriter.PostgreSqlBatchAsync(db, statements, change, range, cancellationToken);

    /// <inheritdoc/>
    public override void AddServices(IServiceCollection services) =>
        // Other hosts' commits wake this host's job worker (LISTEN/NOTIFY).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlJobListener>());

    /// <inheritdoc/>
    public override async ValueTask QueueJobWakeUpAsync(RowCommands rows, CancellationToken cancellationToken) =>
        await PostgreSqlJobNotifications.NotifyAsync(rows, cancellationToken);
}
