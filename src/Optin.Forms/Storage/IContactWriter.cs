using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.Storage;

/// <summary>The contacts part of an <see cref="IOptinTransaction"/>: reads see the transaction's own writes.</summary>
public interface IContactWriter
{
    /// <summary>
    /// The contact with this id, or <see langword="null"/>. A contact found is the transaction's until it ends: stores
    /// lock it (or serialise transactions), so that no other transaction changes or erases it in between and a save of
    /// this copy loses nobody else's change (WD-4, DSR-2).
    /// </summary>
    /// <param name="contactId">The contact's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>
    /// The contact with this address comparison key, or <see langword="null"/>. Stores lock the key (or serialise
    /// transactions) so that two concurrent transactions never create two contacts for one address; a contact found is
    /// the transaction's until it ends, as with <see cref="FindAsync"/>.
    /// </summary>
    /// <param name="emailKey">The address comparison key (<see cref="Contact.EmailKey"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces a contact (matched on <see cref="Contact.Id"/>). A contact this transaction found, saved or
    /// erased is only ever replaced: once erased, it is not inserted again under its id.
    /// </summary>
    /// <param name="contact">The contact as it is to be stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">
    /// Another contact already holds the address key, or the contact was erased since this transaction found it (or
    /// by this transaction).
    /// </exception>
    ValueTask SaveAsync(Contact contact, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to every contact matching <paramref name="query"/> and not already in the new
    /// state, writing one ledger entry per changed contact; set-based, in batches, with memory flat in the number of
    /// contacts. It also cancels the changed contacts' pending jobs for the purpose when
    /// <see cref="BulkOptinChange.CancelJobsReason"/> is set (WD-4), and hands each batch's changed contacts to
    /// <see cref="BulkOptinChange.OnChanged"/> when set.
    /// </summary>
    /// <remarks>Idempotent: running the same change again changes nobody and writes no ledger entry.</remarks>
    /// <param name="query">Which contacts.</param>
    /// <param name="change">The new state, and what the ledger entries say.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many contacts changed.</returns>
    ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Erases a contact: removes the contact, its submissions, its ledger entries and its tokens, cancels its pending
    /// jobs, and appends <paramref name="tombstone"/> (which holds no personal data, invariant 7).
    /// </summary>
    /// <remarks>
    /// The archived emails sent to the person go too, unless another contact's entry refers to the same content
    /// (DSR-5, EVD-1). The access log of evidence reads is kept. The tombstone is chained like any entry (LEDG-1).
    /// </remarks>
    /// <param name="contactId">The contact to erase.</param>
    /// <param name="tombstone">The ledger entry that records the erasure.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact existed.</returns>
    ValueTask<bool> EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken);
}
