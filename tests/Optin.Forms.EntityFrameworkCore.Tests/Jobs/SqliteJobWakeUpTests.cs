using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Jobs;

/// <summary>The wake-up on commit with the EF Core store on a SQLite file.</summary>
public sealed class SqliteJobWakeUpTests : JobWakeUpTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.SqliteAsync(configure, settings);
}
