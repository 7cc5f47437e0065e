using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The core's store conformance suite against the EF Core store on a SQLite file.</summary>
public sealed class SqliteOptinStoreConformanceTests : OptinStoreConformanceTests
{
    private readonly List<StoreHost> _hosts = [];

    /// <inheritdoc />
    protected override async ValueTask<IOptinStore> CreateStoreAsync()
    {
        var host = await StoreHost.SqliteAsync();
        _hosts.Add(host);
        return host.Store;
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
