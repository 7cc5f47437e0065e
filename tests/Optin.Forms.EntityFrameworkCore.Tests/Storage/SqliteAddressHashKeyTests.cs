using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>The generated key on SQLite files.</summary>
public sealed class SqliteAddressHashKeyTests : AddressHashKeyTests
{
    private protected override Task<StoreHost> CreateHostAsync(IDictionary<string, string?>? settings = null) =>
        StoreHost.SqliteAsync(settings: settings);
}
