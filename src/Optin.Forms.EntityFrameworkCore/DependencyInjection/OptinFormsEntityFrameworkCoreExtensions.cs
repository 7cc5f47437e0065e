using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.Storage;

// In the namespace of IServiceCollection, as OpenIddict and Polly do: a host needs no using of ours to find these.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses EF Core as the Optin.Forms store.</summary>
public static class OptinFormsEntityFrameworkCoreExtensions
{
    /// <summary>
    /// Stores Optin.Forms data with the package's own context, configured by <paramref name="configure"/>:
    /// <c>o =&gt; o.UseSqlite("Data Source=optin.db")</c> (embedded, one process) or <c>o =&gt; o.UseNpgsql(…)</c>
    /// (several hosts on one database). Replaces the in-memory store.
    /// </summary>
    /// <returns>The builder, to keep configuring (for example <see cref="ApplyMigrationsAtStartup"/>).</returns>
    /// <exception cref="NotSupportedException">The configured provider is neither SQLite nor PostgreSQL.</exception>
    /// <exception cref="InvalidOperationException">The connection string is empty (for example an unset <c>ConnectionStrings:Optin</c>).</exception>
    public static OptinFormsBuilder UseEntityFrameworkCore(this OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var probe = new DbContextOptionsBuilder();
        configure(probe);
        var provider = string.Join(" ", probe.Options.Extensions.Select(e => e.GetType().FullName));
        if (probe.Options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault() is { Connection: null } relational
            && string.IsNullOrWhiteSpace(relational.ConnectionString))
        {
            // SQLite would open a new, private, temporary database for every connection: the tables migrated at start
            // would exist nowhere else, and every query would fail with "no such table".
            throw new InvalidOperationException(
                "UseEntityFrameworkCore: the database connection string is empty. Set ConnectionStrings:Optin (for example "
                + "\"Data Source=App_Data/optin.db\" for SQLite) or pass the connection string to UseSqlite(…) / UseNpgsql(…).");
        }

        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return Register<OptinPostgreSqlDbContext>(builder, configure, sqlite: false);
        }

        if (provider.Contains("Sqlite", StringComparison.Ordinal))
        {
            return Register<OptinSqliteDbContext>(builder, configure, sqlite: true);
        }

        throw new NotSupportedException("UseEntityFrameworkCore supports UseSqlite(…) and UseNpgsql(…); no such provider was configured.");
    }

    /// <summary>
    /// Stores Optin.Forms data in the host's own context, whose <c>OnModelCreating</c> calls
    /// <see cref="OptinFormsModel.ApplyOptinFormsModel"/>. The host registers the context (<c>AddDbContextFactory</c>
    /// preferred, <c>AddDbContext</c> works) and owns its migrations.
    /// </summary>
    /// <returns>The builder, to keep configuring (for example <see cref="ApplyMigrationsAtStartup"/>).</returns>
    public static OptinFormsBuilder UseEntityFrameworkCore<TContext>(this OptinFormsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseSource<TContext>(builder);
    }

    /// <summary>
    /// Applies pending migrations of the EF Core store chosen by <c>UseEntityFrameworkCore</c> when the host starts
    /// (opt-in: many teams run <c>dotnet ef database update</c> or a migration bundle in their deployment instead). On
    /// SQLite it also switches the database to WAL journaling so that readers do not wait for writers.
    /// </summary>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException"><c>UseEntityFrameworkCore</c> has not been called before.</exception>
    public static OptinFormsBuilder ApplyMigrationsAtStartup(this OptinFormsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(IOptinDbContextSource)))
        {
            throw new InvalidOperationException("ApplyMigrationsAtStartup: there is no EF Core store to migrate; call UseEntityFrameworkCore(…) first.");
        }

        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OptinDatabaseInitializer)))
        {
            // First of all hosted services (they start in registration order): the job worker and the sweepers then
            // never poll a database whose tables do not exist yet.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, OptinDatabaseInitializer>());
        }

        return builder;
    }

    private static OptinFormsBuilder Register<TContext>(OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure, bool sqlite)
        where TContext : DbContext
    {
        builder.Services.AddDbContextFactory<TContext>(o =>
        {
            configure(o);
            if (sqlite)
            {
                // Erased rows are overwritten on disk, not left in free pages (DSR-5).
                o.AddInterceptors(SqliteSecureDeleteInterceptor.Instance);
            }
        });
        return UseSource<TContext>(builder);
    }

    private static OptinFormsBuilder UseSource<TContext>(OptinFormsBuilder builder)
        where TContext : DbContext
    {
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IOptinDbContextSource, DbContextSource<TContext>>());
        services.TryAddSingleton(TimeProvider.System);

        // The SQLite writers live as long as the host, which disposes them (no process-wide registry).
        services.TryAddSingleton(sp => new SqliteWriters(sp.GetRequiredService<TimeProvider>(), SqliteEngineOptions.FromEnvironment()));
        services.TryAddSingleton<EntityFrameworkCoreOptinStore>();
        services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOptinStore>()));
        return builder;
    }
}
