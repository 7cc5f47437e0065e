namespace Optin.Forms.Consent;

/// <summary>The end of a contact's ledger chain (LEDG-1): the hash of its last entry and the number of chained entries.</summary>
/// <param name="ContactId">The contact (or the erased contact whose tombstone starts a chain of its own).</param>
/// <param name="Hash">The <see cref="ConsentEvent.Hash"/> of the contact's last entry.</param>
/// <param name="Length">How many chained entries the contact has.</param>
public sealed record ChainHead(Guid ContactId, string Hash, long Length);
