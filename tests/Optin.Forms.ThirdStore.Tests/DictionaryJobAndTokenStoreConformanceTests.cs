using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>The JobAndTokenStore conformance suite of Optin.Forms.Testing against <see cref="DictionaryStore"/>.</summary>
public sealed class DictionaryJobAndTokenStoreConformanceTests : JobAndTokenStoreConformanceTests
{
    /// <inheritdoc />
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new DictionaryStore());
}
