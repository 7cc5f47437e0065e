using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>Runs the retention conformance suite (RET-4) against <see cref="InMemoryOptinStore"/>.</summary>
public sealed class InMemoryRetentionStoreConformanceTests : RetentionStoreConformanceTests
{
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
