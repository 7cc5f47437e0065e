using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>
/// One atomic unit of writes. Reads inside it see its own writes; nothing is visible to others before
/// <see cref="CommitAsync"/>, and disposing without committing discards everything.
/// </summary>
public partial interface IOptinTransaction : IAsyncDisposable
{
    /// <summary>The contact with this id, or <see langword="null"/>.</summary>
    ValueTask<Contact?> FindContactAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>
    /// The contact with this address comparison key, or <see langword="null"/>. Stores lock the key (or serialise)
    /// so that two concurrent transactions never create two contacts for one address.
    /// </summary>
    ValueTask<Contact?> FindContactByEmailKeyAsync(string emailKey, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a contact (matched on <see cref="Contact.Id"/>).</summary>
    /// <exception cref="InvalidOperationException">Another contact already holds the address key.</exception>
    ValueTask SaveContactAsync(Contact contact, CancellationToken cancellationToken);

    /// <summary>Appends events to the ledger, in order; the store assigns their <see cref="ConsentEvent.Sequence"/>.</summary>
    /// <exception cref="InvalidOperationException">An event id is already in the ledger (append-only, CONS-8).</exception>
    ValueTask AppendConsentEventsAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken);

    /// <summary>Adds a submission.</summary>
    ValueTask AddSubmissionAsync(SubmissionRecord submission, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to every contact matching <paramref name="query"/> and not already in the new
    /// state, writing one ledger entry per changed contact; set-based, in batches, with memory flat in the number of
    /// contacts. It also cancels the changed contacts' pending jobs for the purpose when
    /// <see cref="BulkOptinChange.CancelJobsReason"/> is set (WD-4), and hands each batch's changed contacts to
    /// <see cref="BulkOptinChange.OnChanged"/> when set.
    /// </summary>
    /// <returns>How many contacts changed.</returns>
    ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken);

    /// <summary>Commits every write of the transaction atomically.</summary>
    /// <exception cref="InvalidOperationException">The transaction was already committed.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}
