using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// RET-4 (issue #15 point 6): deleting finished jobs and old tombstones in batches (each a <c>DELETE … WHERE key IN
/// (SELECT … LIMIT n)</c>, oldest first), and the intermediate archive.
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    private const string DeleteFinishedJobs = $"DELETE FROM {M.Jobs} WHERE {C.Position} IN (SELECT {C.Position} FROM {M.Jobs} "
        + $"WHERE {C.Status} IN (" + FinishedStatuses + $") AND {C.FinishedAt} < @p0 ORDER BY {C.FinishedAt}, {C.Position} LIMIT @p1)";

    private const string FinishedStatuses = "2, 3, 4, 5";

    private const string DeleteTombstones = $"DELETE FROM {M.ConsentEvents} WHERE {C.Sequence} IN (SELECT {C.Sequence} FROM {M.ConsentEvents} "
        + $"WHERE {C.Kind} = 7 AND {C.OccurredAt} < @p0 ORDER BY {C.Sequence} LIMIT @p1)";

    // A tombstone starts a chain of its own (LEDG-1): a head left without any entry goes with it.
    private const string DeleteOrphanChainHeads = $"DELETE FROM {M.ChainHeads} WHERE NOT EXISTS (SELECT 1 FROM {M.ConsentEvents} e "
        + $"WHERE e.{C.ContactId} = {M.ChainHeads}.{C.ContactId})";

    public async ValueTask<int> DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ThrowIfDone();
        return await Rows.ExecuteAsync(DeleteFinishedJobs, cancellationToken, finishedBefore.ToUnixTimeMilliseconds(), maxCount);
    }

    public async ValueTask<int> DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ThrowIfDone();
        var deleted = await Rows.ExecuteAsync(DeleteTombstones, cancellationToken, erasedBefore.ToUnixTimeMilliseconds(), maxCount);
        if (deleted > 0)
        {
            await Rows.ExecuteAsync(DeleteOrphanChainHeads, cancellationToken);
            _heads.Clear();
        }

        return deleted;
    }

    async ValueTask IArchivedProofWriter.SaveAsync(ArchivedProof proof, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ThrowIfDone();
        var row = await Db.Set<ArchivedProofEntity>().FirstOrDefaultAsync(a => a.ContactId == proof.ContactId, cancellationToken);
        if (row is null)
        {
            row = new ArchivedProofEntity { ContactId = proof.ContactId };
            Db.Set<ArchivedProofEntity>().Add(row);
        }

        row.ArchivedAt = proof.ArchivedAt.ToUnixTimeMilliseconds();
        row.KeepUntil = proof.KeepUntil.ToUnixTimeMilliseconds();
        row.Document = proof.Document;
        await FlushAsync(cancellationToken);
    }

    async ValueTask<ArchivedProof?> IArchivedProofWriter.FindAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var row = await Db.Set<ArchivedProofEntity>().AsNoTracking().FirstOrDefaultAsync(a => a.ContactId == contactId, cancellationToken);
        return row is null
            ? null
            : new ArchivedProof(row.ContactId, Instant.FromUnixTimeMilliseconds(row.ArchivedAt), Instant.FromUnixTimeMilliseconds(row.KeepUntil),
                row.Document);
    }

    async ValueTask<int> IArchivedProofWriter.DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ThrowIfDone();
        var at = now.ToUnixTimeMilliseconds();
        var expired = await Db.Set<ArchivedProofEntity>().AsNoTracking().Where(a => a.KeepUntil <= at).OrderBy(a => a.KeepUntil)
            .Select(a => a.ContactId).Take(maxCount).ToListAsync(cancellationToken);
        return expired.Count == 0
            ? 0
            : await Db.Set<ArchivedProofEntity>().Where(a => expired.Contains(a.ContactId)).ExecuteDeleteAsync(cancellationToken);
    }

    // The numbers in the statements above, checked here so that a renumbered enum fails the build's tests, not the data.
    internal static bool StatusesMatch() =>
        FinishedStatuses == string.Join(", ", new[] { JobStatus.Done, JobStatus.Skipped, JobStatus.Cancelled, JobStatus.DeadLettered }.Select(s => (int)s))
        && (int)ConsentEventKind.Erased == 7;
}
