using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <summary>The evidence part of an <see cref="IOptinTransaction"/>: the content archive and the access log (EVD-1).</summary>
public interface IEvidenceArchiveWriter
{
    /// <summary>
    /// Stores content in the archive unless content with the same hash is already there (insert-if-absent: the first
    /// <see cref="ArchivedContent.StoredAt"/> is kept), with this transaction, so that it is committed with the ledger
    /// entry that references it.
    /// </summary>
    /// <param name="content">The content and its SHA-256.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The content does not hash to its key.</exception>
    ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken);

    /// <summary>Appends an entry to the access log of evidence reads; the log is never rewritten, and erasure keeps it.</summary>
    /// <param name="access">Who read which contact's evidence, and when.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken);
}
