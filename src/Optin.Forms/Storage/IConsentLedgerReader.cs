using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <summary>Reads the append-only consent ledger. There is deliberately no way to update or delete an entry (CONS-8).</summary>
public interface IConsentLedgerReader
{
    /// <summary>Streams a contact's events in the order they were appended.</summary>
    IAsyncEnumerable<ConsentEvent> ReadAsync(Guid contactId, CancellationToken cancellationToken);
}
