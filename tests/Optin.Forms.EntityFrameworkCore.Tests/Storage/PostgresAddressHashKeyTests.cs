using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The generated key on PostgreSQL schemas, as on several machines.</summary>
[RequiresPostgres]
public sealed class PostgresAddressHashKeyTests : AddressHashKeyTests
{
    private protected override Task<StoreHost> CreateHostAsync(IDictionary<string, string?>? settings = null) =>
        StoreHost.PostgresAsync(settings: settings);
}
