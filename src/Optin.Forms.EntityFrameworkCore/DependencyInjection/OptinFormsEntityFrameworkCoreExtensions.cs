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
    /// Stores Optin.Forms data with the provider package's own context, configured by <paramref name="configure"/>:
    /// <c>o =&gt; o.UseSqlite("Data Source=optin.db")</c> (embedded, one process; package
    /// <c>Optin.Forms.EntityFrameworkCore.Sqlite</c>) or <c>o =&gt; o.UseNpgsql(…)</c> (several hosts on one database;
    /// package <c>Optin.Forms.EntityFrameworkCore.PostgreSql</c>). Replaces the in-memory store.
    /// </summary>
    /// <returns>The builder, to keep configuring (for example <see cref="ApplyMigrationsAtStartup"/>).</returns>
    /// <exception cref="NotSupportedException">The configured provider is neither SQLite nor PostgreSQL, or its Optin.Forms provider package is not referenced.</exception>
    /// <exception cref="InvalidOperationException">The connection string is empty (for example an unset <c>ConnectionStrings:Optin</c>).</exception>
    public static OptinFormsBuilder UseEntityFrameworkCore(this OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var probe = new DbContextOptionsBuilder();
        configure(probe);
        if (probe.Options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault() is { Connection: null } relational
            && string.IsNullOrWhiteSpace(relational.ConnectionString))
        {
            // SQLite would open a new, private, temporary database for every connection: the tables migrated at start
            // would exist nowhere else, and every query would fail with "no such table".
            throw new InvalidOperationException(
                "UseEntityFrameworkCore: the database connection string is empty. Set ConnectionStrings:Optin (for example "
                + "\"Data Source=App_Data/optin.db\" for SQLite) or pass the connection string to UseSqlite(…) / UseNpgsql(…).");
        }

        // The provider package (Optin.Forms.EntityFrameworkCore.Sqlite or .PostgreSql) registers its own context, which
        // carries its migrations.
        OptinStorageProviders.For(probe.Options, OptinStorageProviders.Available).UseOwnContext(builder, configure);
        return builder;
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

    /// <summary>Makes <typeparamref name="TContext"/> the store's context (called by the provider packages too).</summary>
    internal static OptinFormsBuilder UseSource<TContext>(OptinFormsBuilder builder)
        where TContext : DbContext
    {
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IOptinDbContextSource, DbContextSource<TContext>>());

        // Every referenced provider package, one instance per host (created and disposed by the container): the store
        // picks the one its context is configured with when it first opens one.
        foreach (var provider in OptinStorageProviders.Available)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(OptinStorageProvider), provider.GetType()));
            provider.AddServices(services);
        }

        services.TryAddSingleton<EntityFrameworkCoreOptinStore>();
        services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOptinStore>()));
        return builder;
    }
}
