using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Applies the migrations of the store's context at start-up (registered by <c>ApplyMigrationsAtStartup</c>).</summary>
internal sealed class OptinDatabaseInitializer(IOptinDbContextSource source, IEnumerable<OptinStorageProvider> providers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await MigrateAsync(source, [.. providers], cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static Task MigrateAsync(IOptinDbContextSource source, CancellationToken cancellationToken) =>
        MigrateAsync(source, OptinStorageProviders.Available, cancellationToken);

    internal static async Task MigrateAsync(IOptinDbContextSource source, IReadOnlyList<OptinStorageProvider> providers,
        CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var database = lease.Context.Database;
        await OptinStorageProviders.For(lease.Context, providers).PrepareDatabaseAsync(lease.Context, cancellationToken);
        await database.MigrateAsync(cancellationToken);
    }
}
