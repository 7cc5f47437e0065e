using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <content>EVD-1: the content archive and the access log.</content>
public partial interface IOptinTransaction
{
    /// <summary>
    /// Stores content in the archive unless content with the same hash is already there (insert-if-absent: the first
    /// <see cref="ArchivedContent.StoredAt"/> is kept), with this transaction, so that it is committed with the ledger
    /// entry that references it.
    /// </summary>
    /// <exception cref="ArgumentException">The content does not hash to its key.</exception>
    ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken);

    /// <summary>Appends an entry to the access log of evidence reads; the log is never rewritten, and erasure keeps it.</summary>
    ValueTask AppendEvidenceAccessAsync(EvidenceAccess access, CancellationToken cancellationToken);
}
