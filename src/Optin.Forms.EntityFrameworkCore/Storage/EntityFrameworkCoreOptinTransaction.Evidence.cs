using Optin.Forms.Consent;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>EVD-1: the content archive and the access log, written with the transaction.</content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    public async ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfDone();
        if (!content.Verifies())
        {
            throw new ArgumentException($"The content does not hash to {content.Sha256}.", nameof(content));
        }

        await EvidenceRows.AddContentAsync(Rows, content, cancellationToken);
    }

    public async ValueTask AppendEvidenceAccessAsync(EvidenceAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ThrowIfDone();
        await EvidenceRows.AddAccessAsync(Rows, access, cancellationToken);
    }
}
