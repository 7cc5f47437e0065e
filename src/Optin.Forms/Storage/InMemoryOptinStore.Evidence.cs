using System.Runtime.CompilerServices;
using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <content>EVD-1: the content archive and the access log of evidence reads.</content>
public sealed partial class InMemoryOptinStore : IEvidenceArchiveReader
{
    /// <inheritdoc />
    public IEvidenceArchiveReader Archive => this;

    /// <inheritdoc />
    public ValueTask<ArchivedContent?> FindContentAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.Content.Committed.GetValueOrDefault(sha256.ToLowerInvariant()));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EvidenceAccess> ReadAccessLogAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EvidenceAccess[]? log;
        lock (_readLock)
        {
            log = _state.AccessLog.Committed.GetValueOrDefault(contactId);
        }

        foreach (var access in log ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return access;
        }

        await Task.CompletedTask;
    }

    private sealed partial class Transaction : IArchivedContentProbe
    {
        bool IArchivedContentProbe.HoldsContent(string sha256)
        {
            ThrowIfDone();
            return _working.Content.ContainsKey(sha256);
        }

        public ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(content);
            ThrowIfDone();
            if (!content.Verifies())
            {
                throw new ArgumentException($"The content does not hash to {content.Sha256}.", nameof(content));
            }

            var key = content.Sha256.ToLowerInvariant();
            if (!_working.Content.ContainsKey(key))
            {
                _working.Content.Set(key, content with { Sha256 = key });
            }

            return ValueTask.CompletedTask;
        }

        ValueTask IEvidenceArchiveWriter.AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(access);
            ThrowIfDone();
            var log = _working.AccessLog.TryGetValue(access.ContactId, out var existing) ? existing : [];
            _working.AccessLog.Set(access.ContactId, [.. log, access]);
            return ValueTask.CompletedTask;
        }
    }
}
