using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Rights;

/// <summary>The rights flow on PostgreSQL (a schema on the OPTIN_TEST_POSTGRES server).</summary>
[RequiresPostgres]
public sealed class PostgresRightsFlowTests : RightsFlowTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.PostgresAsync(configure, settings);
}
