using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <summary>Reads the ledger's hash chains for verification and checkpoints (LEDG-1).</summary>
public interface ILedgerChainReader
{
    /// <summary>Streams every chain head (one per contact with a chained entry, erased contacts' tombstones included).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<ChainHead> ReadHeadsAsync(CancellationToken cancellationToken);

    /// <summary>The contact's chain head, or null when the contact has no chained entry.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<ChainHead?> FindHeadAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>Streams the whole ledger, grouped by contact (contacts in no particular order), each contact's entries in sequence order.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<ConsentEvent> ReadAllAsync(CancellationToken cancellationToken);
}
