using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>Runs the job queue administration conformance suite against <see cref="InMemoryOptinStore"/>.</summary>
public sealed class InMemoryJobQueueAdminConformanceTests : JobQueueAdminConformanceTests
{
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());
}
