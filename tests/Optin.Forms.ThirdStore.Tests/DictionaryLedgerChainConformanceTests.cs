using Optin.Forms.Consent;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>The ledger chain suite (LEDG-1) against <see cref="DictionaryStore"/>, tampered with through its tables.</summary>
public sealed class DictionaryLedgerChainConformanceTests : LedgerChainConformanceTests
{
    /// <inheritdoc />
    protected override ValueTask<IOptinStore> CreateStoreAsync() => ValueTask.FromResult<IOptinStore>(new DictionaryStore());

    /// <inheritdoc />
    protected override ValueTask SetConsentTextAsync(IOptinStore store, ConsentEvent entry, string text) =>
        Replace(store, entry, e => e with { ConsentText = text });

    /// <inheritdoc />
    protected override ValueTask SwapSequencesAsync(IOptinStore store, ConsentEvent first, ConsentEvent second)
    {
        ((DictionaryStore)store).Change(t =>
        {
            var (i, j) = (t.Ledger.FindIndex(e => e.Id == first.Id), t.Ledger.FindIndex(e => e.Id == second.Id));
            (t.Ledger[i], t.Ledger[j]) = (t.Ledger[j] with { Sequence = t.Ledger[i].Sequence }, t.Ledger[i] with { Sequence = t.Ledger[j].Sequence });
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override ValueTask DeleteAsync(IOptinStore store, ConsentEvent entry)
    {
        ((DictionaryStore)store).Change(t => t.Ledger.RemoveAll(e => e.Id == entry.Id));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override async ValueTask ForgeAsync(IOptinStore store, ConsentEvent entry, string text, string hash)
    {
        await Replace(store, entry, e => e with { ConsentText = text, Hash = hash });
        ((DictionaryStore)store).Change(t => t.ChainHeads[entry.ContactId] = t.ChainHeads[entry.ContactId] with { Hash = hash });
    }

    private static ValueTask Replace(IOptinStore store, ConsentEvent entry, Func<ConsentEvent, ConsentEvent> change)
    {
        ((DictionaryStore)store).Change(t =>
        {
            var i = t.Ledger.FindIndex(e => e.Id == entry.Id);
            t.Ledger[i] = change(t.Ledger[i]);
        });
        return ValueTask.CompletedTask;
    }
}
