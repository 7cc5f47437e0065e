using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>Runs the job and token conformance suite against <see cref="InMemoryOptinStore"/>.</summary>
public sealed class InMemoryJobAndTokenStoreConformanceTests : JobAndTokenStoreConformanceTests
{
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
