using System.Collections.Concurrent;
using Optin.Forms.Consent;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>EVD-1: the content archive and the access log, written with the transaction.</content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    /// <summary>At most this many hashes are kept as known committed (emails, unique per message, are never kept).</summary>
    internal const int MaxKnownContent = 4096;

    private List<string>? _contentAdded;

    /// <summary>The store's archived hashes known committed; this transaction adds its own once it commits.</summary>
    internal ConcurrentDictionary<string, byte>? CommittedContent { get; set; }

    public async ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfDone();
        var key = content.Sha256.ToLowerInvariant();
        if (CommittedContent is not null && CommittedContent.ContainsKey(key))
        {
            return; // stored already; nothing is written, so there is nothing to check
        }

        if (!content.Verifies())
        {
            throw new ArgumentException($"The content does not hash to {content.Sha256}.", nameof(content));
        }

        await EvidenceRows.AddContentAsync(Rows, content, cancellationToken);
        if (content.Kind != ContentKinds.Email)
        {
            (_contentAdded ??= []).Add(key);
        }
    }

    private void PublishContent()
    {
        if (_contentAdded is null || CommittedContent is null)
        {
            return;
        }

        foreach (var key in _contentAdded)
        {
            if (CommittedContent.Count >= MaxKnownContent)
            {
                return;
            }

            CommittedContent.TryAdd(key, 0);
        }
    }

    async ValueTask IEvidenceArchiveWriter.AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ThrowIfDone();
        await EvidenceRows.AddAccessAsync(Rows, access, cancellationToken);
    }
}
