using Optin.Forms.Consent;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// The ledger's hash chain (LEDG-1): every append links the entry to its contact's head, locked for the rest of the
/// transaction (<see cref="ChainRows"/>), and moves the head on, in the same transaction.
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    /// <summary>The heads this transaction has locked and moved, so that a second append to a contact needs no read.</summary>
    private readonly Dictionary<Guid, ChainHead> _heads = [];

    /// <summary>Appends one entry at the end of its contact's chain.</summary>
    private async ValueTask AppendChainedAsync(ConsentEvent e, string duplicate, CancellationToken cancellationToken)
    {
        if (!_heads.TryGetValue(e.ContactId, out var head))
        {
            head = await ChainRows.LockAsync(Rows, e.ContactId, cancellationToken);
        }

        var linked = LedgerChain.Link(e, head.Hash);
        await RecordRows.AppendEventAsync(Rows, linked, duplicate, cancellationToken);
        var moved = new ChainHead(e.ContactId, linked.Hash!, head.Length + 1);
        await ChainRows.MoveAsync(Rows, moved, cancellationToken);
        _heads[e.ContactId] = moved;
    }
}
