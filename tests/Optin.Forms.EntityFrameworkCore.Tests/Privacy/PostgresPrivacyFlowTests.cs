using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Privacy;

/// <summary>The privacy flow on PostgreSQL (a schema on the OPTIN_TEST_POSTGRES server).</summary>
[RequiresPostgres]
public sealed class PostgresPrivacyFlowTests : PrivacyFlowTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.PostgresAsync(configure, settings);
}
