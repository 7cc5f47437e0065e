using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>Runs the statistics conformance suite (the back office's overview: view counts, aggregate reads) against <see cref="InMemoryOptinStore"/>.</summary>
public sealed class InMemoryStatisticsStoreConformanceTests : StatisticsStoreConformanceTests
{
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
