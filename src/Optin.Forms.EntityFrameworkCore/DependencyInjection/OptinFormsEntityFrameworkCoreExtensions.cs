using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.DependencyInjection;

/// <summary>Chooses EF Core as the Optin.Forms store.</summary>
public static class OptinFormsEntityFrameworkCoreExtensions
{
    /// <summary>
    /// Stores Optin.Forms data with the package's own context, configured by <paramref name="configure"/>:
    /// <c>o =&gt; o.UseSqlite("Data Source=optin.db")</c> (embedded, one process) or <c>o =&gt; o.UseNpgsql(…)</c>
    /// (several hosts on one database). Replaces the in-memory store.
    /// </summary>
    /// <returns>A builder to opt into applying the shipped migrations at start-up.</returns>
    /// <exception cref="NotSupportedException">The configured provider is neither SQLite nor PostgreSQL.</exception>
    public static OptinEntityFrameworkCoreBuilder UseEntityFrameworkCore(this OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var probe = new DbContextOptionsBuilder();
        configure(probe);
        var provider = string.Join(" ", probe.Options.Extensions.Select(e => e.GetType().FullName));
        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            return Register<OptinPostgreSqlDbContext>(builder, configure);
        }

        if (provider.Contains("Sqlite", StringComparison.Ordinal))
        {
            return Register<OptinSqliteDbContext>(builder, configure);
        }

        throw new NotSupportedException("UseEntityFrameworkCore supports UseSqlite(…) and UseNpgsql(…); no such provider was configured.");
    }

    /// <summary>
    /// Stores Optin.Forms data in the host's own context, whose <c>OnModelCreating</c> calls
    /// <see cref="OptinFormsModel.ApplyOptinFormsModel"/>. The host registers the context (<c>AddDbContextFactory</c>
    /// preferred, <c>AddDbContext</c> works) and owns its migrations.
    /// </summary>
    /// <returns>A builder to opt into applying the host context's migrations at start-up.</returns>
    public static OptinEntityFrameworkCoreBuilder UseEntityFrameworkCore<TContext>(this OptinFormsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseSource<TContext>(builder);
    }

    private static OptinEntityFrameworkCoreBuilder Register<TContext>(OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure)
        where TContext : DbContext
    {
        builder.Services.AddDbContextFactory<TContext>(configure);
        return UseSource<TContext>(builder);
    }

    private static OptinEntityFrameworkCoreBuilder UseSource<TContext>(OptinFormsBuilder builder)
        where TContext : DbContext
    {
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IOptinDbContextSource, DbContextSource<TContext>>());
        services.TryAddSingleton<EntityFrameworkCoreOptinStore>();
        services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => sp.GetRequiredService<EntityFrameworkCoreOptinStore>()));
        return new OptinEntityFrameworkCoreBuilder(builder);
    }
}
