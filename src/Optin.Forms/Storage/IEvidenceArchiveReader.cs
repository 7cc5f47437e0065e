using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <summary>Reads the content-addressed archive and the access log of evidence reads (EVD-1).</summary>
public interface IEvidenceArchiveReader
{
    /// <summary>The archived content with this SHA-256 (lower-case hex), or <see langword="null"/>.</summary>
    ValueTask<ArchivedContent?> FindContentAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The reads of a contact's evidence and exports, oldest first.</summary>
    IAsyncEnumerable<EvidenceAccess> ReadAccessLogAsync(Guid contactId, CancellationToken cancellationToken);
}
