using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>The in-memory store against the store conformance suite.</summary>
public sealed class InMemoryOptinStoreTests : OptinStoreConformanceTests
{
    /// <inheritdoc />
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
