using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The seam between the provider-neutral EF Core store (this package) and a provider package
/// (<c>Optin.Forms.EntityFrameworkCore.Sqlite</c>, <c>Optin.Forms.EntityFrameworkCore.PostgreSql</c>): its SQL dialect,
/// its context and migrations, its writer, its database preparation and its bulk batches. Internal, shared with the
/// provider packages through <c>InternalsVisibleTo</c> (as EF Core's providers share its "pubternal" services).
/// </summary>
/// <remarks>
/// A provider package names its implementation with <see cref="OptinStorageProviderAttribute"/> on its assembly; the
/// store finds it by the EF Core provider the context is configured with (<see cref="Handles"/>), never by name. The
/// store's instance is a singleton of the host's container (one per host, disposed with it), so state a provider keeps
/// per database (a writer) belongs to the host, not to the process; the instances in
/// <see cref="OptinStorageProviders.Available"/> are used for registration and migrations only.
/// </remarks>
internal abstract class OptinStorageProvider
{
    /// <summary>The provider package, for messages (<c>Optin.Forms.EntityFrameworkCore.Sqlite</c>).</summary>
    public abstract string PackageName { get; }

    /// <summary>The provider's SQL differences and fast statement path.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>Whether <paramref name="options"/> configure this provider's EF Core provider (by its options extension).</summary>
    public abstract bool Handles(IDbContextOptions options);

    /// <summary>
    /// Registers the package's own context (the one carrying this provider's migrations), configured by
    /// <paramref name="configure"/>, as the store's context.
    /// </summary>
    public abstract void UseOwnContext(OptinFormsBuilder builder, Action<DbContextOptionsBuilder> configure);

    /// <summary>The database's single writer (one per database), or null: each transaction opens its own.</summary>
    public virtual IOptinWriter? Writer(DbContext context) => null;

    /// <summary>Prepares the database before its migrations are applied (<c>ApplyMigrationsAtStartup</c>).</summary>
    public virtual ValueTask PrepareDatabaseAsync(DbContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called once before the batches of a bulk opt-in change, in its transaction.</summary>
    public virtual ValueTask BeginBulkAsync(DbContext db, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Writes one batch of a bulk opt-in change (<see cref="BulkOptinWriter"/>).</summary>
    public abstract ValueTask<BulkOptinWriter.Batch> BulkBatchAsync(DbContext db, BulkOptinStatements statements, BulkOptinChange change,
        IdRange range, CancellationToken cancellationToken);

    /// <summary>Called once after the last batch of a bulk opt-in change, in its transaction.</summary>
    public virtual ValueTask EndBulkAsync(DbContext db, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Registers the provider's own services, such as hosted services (called once per host by UseEntityFrameworkCore).</summary>
    public virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Called in a transaction that queues a job due now, once per transaction: a provider whose database can tell other
    /// hosts (PostgreSQL's <c>NOTIFY</c>, delivered at commit) does so here. The local worker is woken after the commit anyway.
    /// </summary>
    public virtual ValueTask QueueJobWakeUpAsync(RowCommands rows, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Names the <see cref="OptinStorageProvider"/> of a provider package's assembly.</summary>
/// <param name="providerType">A type derived from <see cref="OptinStorageProvider"/> with a public parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class OptinStorageProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}

/// <summary>Finds the provider package that handles a context's EF Core provider.</summary>
internal static class OptinStorageProviders
{
    /// <summary>The provider packages this base knows, loaded when the application references them.</summary>
    internal static readonly string[] PackageNames = ["Optin.Forms.EntityFrameworkCore.Sqlite", "Optin.Forms.EntityFrameworkCore.PostgreSql"];

    private static readonly Lazy<IReadOnlyList<OptinStorageProvider>> Loaded = new(Load);

    /// <summary>The provider packages the application references.</summary>
    public static IReadOnlyList<OptinStorageProvider> Available => Loaded.Value;

    /// <summary>The provider of a context, among <paramref name="available"/> (the host's, or <see cref="Available"/>).</summary>
    /// <exception cref="NotSupportedException">No referenced provider package handles the context's provider.</exception>
    public static OptinStorageProvider For(DbContext context, IReadOnlyList<OptinStorageProvider> available) =>
        For(context.GetService<IDbContextOptions>(), available);

    /// <summary>The provider package that handles <paramref name="options"/>, among <paramref name="available"/>.</summary>
    /// <exception cref="NotSupportedException">None does.</exception>
    public static OptinStorageProvider For(IDbContextOptions options, IReadOnlyList<OptinStorageProvider> available)
    {
        foreach (var provider in available)
        {
            if (provider.Handles(options))
            {
                return provider;
            }
        }

        var configured = options.Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.GetType().Assembly.GetName().Name;
        throw new NotSupportedException(configured is null
            ? "Optin.Forms.EntityFrameworkCore: no EF Core database provider is configured. Reference Optin.Forms.EntityFrameworkCore.Sqlite "
              + "or Optin.Forms.EntityFrameworkCore.PostgreSql and configure it, for example UseEntityFrameworkCore(o => o.UseSqlite(…))."
            : $"Optin.Forms.EntityFrameworkCore: no Optin.Forms provider package handles the EF Core provider {configured}. Reference "
              + "Optin.Forms.EntityFrameworkCore.Sqlite (UseSqlite) or Optin.Forms.EntityFrameworkCore.PostgreSql (UseNpgsql); "
              + (available.Count == 0 ? "neither is referenced." : "referenced: " + string.Join(", ", available.Select(p => p.PackageName)) + "."));
    }

    private static List<OptinStorageProvider> Load()
    {
        var providers = new List<OptinStorageProvider>();
        foreach (var name in PackageNames)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(name));
            }
            catch (FileNotFoundException)
            {
                continue; // not referenced by the application
            }

            if (assembly.GetCustomAttribute<OptinStorageProviderAttribute>() is { } attribute)
            {
                providers.Add((OptinStorageProvider)Activator.CreateInstance(attribute.ProviderType)!);
            }
        }

        return providers;
    }
}
