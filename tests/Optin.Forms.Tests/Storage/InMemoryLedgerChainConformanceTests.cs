using Optin.Forms.Consent;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.Tests.Storage;

/// <summary>The ledger chain suite against the in-memory store, tampered with through its tables.</summary>
public sealed class InMemoryLedgerChainConformanceTests : LedgerChainConformanceTests
{
    /// <inheritdoc />
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new InMemoryOptinStore());

    /// <inheritdoc />
    protected override ValueTask SetConsentTextAsync(IOptinStore store, ConsentEvent entry, string text) =>
        Rewrite(store, entry.ContactId, l => l.Select(e => e.Id == entry.Id ? e with { ConsentText = text } : e).ToArray());

    /// <inheritdoc />
    protected override ValueTask SwapSequencesAsync(IOptinStore store, ConsentEvent first, ConsentEvent second) =>
        Rewrite(store, first.ContactId, l =>
        {
            var copy = l.ToArray();
            var (i, j) = (Array.FindIndex(copy, e => e.Id == first.Id), Array.FindIndex(copy, e => e.Id == second.Id));
            (copy[i], copy[j]) = (copy[j] with { Sequence = copy[i].Sequence }, copy[i] with { Sequence = copy[j].Sequence });
            return copy;
        });

    /// <inheritdoc />
    protected override ValueTask DeleteAsync(IOptinStore store, ConsentEvent entry) =>
        Rewrite(store, entry.ContactId, l => l.Where(e => e.Id != entry.Id).ToArray());

    /// <inheritdoc />
    protected override async ValueTask ForgeAsync(IOptinStore store, ConsentEvent entry, string text, string hash)
    {
        await Rewrite(store, entry.ContactId, l => l.Select(e => e.Id == entry.Id ? e with { ConsentText = text, Hash = hash } : e).ToArray());
        var heads = ((InMemoryOptinStore)store).State.ChainHeads.Committed;
        heads[entry.ContactId] = heads[entry.ContactId] with { Hash = hash };
    }

    private static ValueTask Rewrite(IOptinStore store, Guid contactId, Func<ConsentEvent[], ConsentEvent[]> change)
    {
        var ledger = ((InMemoryOptinStore)store).State.LedgerByContact.Committed;
        ledger[contactId] = change(ledger[contactId]);
        return ValueTask.CompletedTask;
    }
}
