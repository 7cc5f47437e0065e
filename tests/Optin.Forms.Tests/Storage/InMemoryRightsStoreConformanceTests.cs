using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>Runs the rights conformance suite against <see cref="InMemoryOptinStore"/>.</summary>
public sealed class InMemoryRightsStoreConformanceTests : RightsStoreConformanceTests
{
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
