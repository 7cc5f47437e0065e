using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.ScaleOut;

/// <summary>Three hosts on one PostgreSQL database, as on three machines: 2,000 submissions.</summary>
[RequiresPostgres]
public sealed class PostgresScaleOutTests : ScaleOutTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.PostgresAsync(configure, settings);
}
