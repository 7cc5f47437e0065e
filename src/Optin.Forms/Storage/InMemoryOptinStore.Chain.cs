using System.Runtime.CompilerServices;
using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <content>The ledger's hash chains (LEDG-1): each append links the entry to the contact's head under the write lock.</content>
public sealed partial class InMemoryOptinStore
{
    /// <inheritdoc />
    public ILedgerChainReader Chain => this;

    /// <inheritdoc />
    public async IAsyncEnumerable<ChainHead> ReadHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChainHead[] heads;
        lock (_readLock)
        {
            heads = [.. _state.ChainHeads.Committed.Values];
        }

        foreach (var head in heads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return head;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ChainHead?> FindHeadAsync(Guid contactId, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.ChainHeads.Committed.GetValueOrDefault(contactId));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ConsentEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ConsentEvent[][] ledgers;
        lock (_readLock)
        {
            ledgers = [.. _state.LedgerByContact.Committed.Values];
        }

        foreach (var e in ledgers.SelectMany(l => l))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }

    private sealed partial class Transaction
    {
        /// <summary>
        /// The entry as stored: linked to its contact's head, with its sequence number (one copy of the entry, not one per
        /// field set). Moves the head on, in the transaction's view.
        /// </summary>
        private ConsentEvent Chain(ConsentEvent e, long sequence)
        {
            var head = _working.ChainHeads.TryGetValue(e.ContactId, out var h) ? h : null;
            var previous = head?.Hash ?? LedgerChain.Genesis;
            var hash = LedgerChain.ComputeHash(e, previous);
            _working.ChainHeads.Set(e.ContactId, new ChainHead(e.ContactId, hash, (head?.Length ?? 0) + 1));
            return e with { Sequence = sequence, PreviousHash = previous, Hash = hash };
        }
    }
}
