using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The EF Core store's own tests on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresEntityFrameworkCoreStoreTests : EntityFrameworkCoreStoreTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder>? configure = null) =>
        StoreHost.PostgresAsync(configure);
}
