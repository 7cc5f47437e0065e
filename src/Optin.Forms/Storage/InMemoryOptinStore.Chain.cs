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
            heads = new ChainHead[_state.ChainHeads.Committed.Count];
            var i = 0;
            foreach (var (contactId, (hash, length)) in _state.ChainHeads.Committed)
            {
                heads[i++] = new ChainHead(contactId, hash, length);
            }
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
            return ValueTask.FromResult(_state.ChainHeads.Committed.TryGetValue(contactId, out var head)
                ? new ChainHead(contactId, head.Hash, head.Length)
                : null);
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
            var (previous, length) = _working.ChainHeads.TryGetValue(e.ContactId, out var head) ? head : (LedgerChain.Genesis, 0);
            var hash = LedgerChain.ComputeHash(e, previous);
            _working.ChainHeads.Set(e.ContactId, (hash, length + 1));
            return e with { Sequence = sequence, PreviousHash = previous, Hash = hash };
        }
    }
}
