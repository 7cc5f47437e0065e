using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>EVD-1: reads of the content archive and the access log.</content>
internal sealed partial class EntityFrameworkCoreOptinStore : IEvidenceArchiveReader
{
    /// <summary>
    /// Hashes of archived content known committed (the texts, boxes and forms every submission repeats), so that a
    /// submission does not send an insert that would do nothing; archived content is never deleted. Bounded.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _content = new(StringComparer.Ordinal);

    public IEvidenceArchiveReader Archive => this;

    public async ValueTask<ArchivedContent?> FindContentAsync(string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var key = sha256.ToLowerInvariant();
        await using var lease = await source.CreateAsync(cancellationToken);
        var row = await lease.Context.Set<ContentEntity>().AsNoTracking().FirstOrDefaultAsync(c => c.Sha256 == key, cancellationToken);
        return row is null ? null : new ArchivedContent(row.Sha256, row.Kind, row.MediaType, row.Content, Instant.FromUnixTimeMilliseconds(row.StoredAt));
    }

    public async IAsyncEnumerable<EvidenceAccess> ReadAccessLogAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = lease.Context.Set<EvidenceAccessEntity>().AsNoTracking()
            .Where(a => a.ContactId == contactId).OrderBy(a => a.Position).AsAsyncEnumerable();
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            yield return new EvidenceAccess(a.Id, a.ContactId, a.Actor, a.Action, Instant.FromUnixTimeMilliseconds(a.At));
        }
    }
}
