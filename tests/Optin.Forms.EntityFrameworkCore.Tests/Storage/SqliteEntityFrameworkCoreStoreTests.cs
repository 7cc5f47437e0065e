using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The EF Core store's own tests on a SQLite file.</summary>
public sealed class SqliteEntityFrameworkCoreStoreTests : EntityFrameworkCoreStoreTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder>? configure = null) =>
        StoreHost.SqliteAsync(configure);
}
