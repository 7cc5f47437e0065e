using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Privacy;

/// <summary>The privacy flow on a SQLite file.</summary>
public sealed class SqlitePrivacyFlowTests : PrivacyFlowTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.SqliteAsync(configure, settings);
}
