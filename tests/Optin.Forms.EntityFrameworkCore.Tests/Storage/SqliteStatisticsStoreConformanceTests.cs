using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The core's statistics conformance suite (the overview: view counts, aggregate reads) against the EF Core store on a SQLite file.</summary>
public sealed class SqliteStatisticsStoreConformanceTests : StatisticsStoreConformanceTests, IAsyncLifetime
{
    private readonly List<StoreHost> _hosts = [];

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<IOptinStore> CreateStoreAsync()
    {
        var host = await StoreHost.SqliteAsync();
        _hosts.Add(host);
        return host.Store;
    }
}
