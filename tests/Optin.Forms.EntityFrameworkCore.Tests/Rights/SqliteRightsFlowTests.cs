using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Rights;

/// <summary>The rights flow on a SQLite file.</summary>
public sealed class SqliteRightsFlowTests : RightsFlowTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.SqliteAsync(configure, settings);
}
