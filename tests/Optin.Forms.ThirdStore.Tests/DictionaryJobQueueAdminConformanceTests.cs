using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>The JobQueueAdmin conformance suite of Optin.Forms.Testing against <see cref="DictionaryStore"/>.</summary>
public sealed class DictionaryJobQueueAdminConformanceTests : JobQueueAdminConformanceTests
{
    /// <inheritdoc />
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new DictionaryStore());
}
