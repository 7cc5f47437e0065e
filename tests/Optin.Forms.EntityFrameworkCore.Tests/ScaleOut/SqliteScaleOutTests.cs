using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.ScaleOut;

/// <summary>
/// Three hosts on one SQLite file in one process (SQLite's limit: one machine). Fewer submissions: SQLite has one
/// writer and syncs every commit, and the point here is correctness, which the PostgreSQL run shows at full size.
/// </summary>
public sealed class SqliteScaleOutTests : ScaleOutTests
{
    private protected override int Addresses => 200;

    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.SqliteAsync(configure, settings);
}
