using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;

namespace Optin.Forms.Storage;

/// <content>RET-4: deleting finished jobs and old tombstones, and the intermediate archive, inside a transaction.</content>
public sealed partial class InMemoryOptinStore
{
    private sealed partial class Transaction
    {
        public ValueTask<int> DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
            ThrowIfDone();
            var deleted = 0;
            foreach (var id in _working.JobOrder)
            {
                if (deleted == maxCount)
                {
                    break;
                }

                if (_working.Jobs.TryGetValue(id, out var job) && job.Status is not (JobStatus.Pending or JobStatus.Running)
                    && job.FinishedAt is { } finished && finished < finishedBefore)
                {
                    // The committed row goes out of the index at commit; the transaction's view drops it now.
                    _working.RemovedJobs.Add(_working.Jobs.Committed[id]);
                    _working.Jobs.Remove(id);
                    deleted++;
                }
            }

            return ValueTask.FromResult(deleted);
        }

        public ValueTask<int> DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
            ThrowIfDone();
            var old = new List<ConsentEvent>();
            foreach (var ledger in _working.LedgerByContact.Values())
            {
                old.AddRange(ledger.Where(e => e.Kind == ConsentEventKind.Erased && e.OccurredAt < erasedBefore));
            }

            var deleted = 0;
            foreach (var tombstone in old.OrderBy(e => e.Sequence).Take(maxCount))
            {
                _working.LedgerByContact.TryGetValue(tombstone.ContactId, out var ledger);
                ConsentEvent[] rest = [.. ledger!.Where(e => e.Id != tombstone.Id)];
                if (rest.Length == 0)
                {
                    // The tombstone was its chain's only entry (LEDG-1): the head goes with it.
                    _working.LedgerByContact.Remove(tombstone.ContactId);
                    _working.ChainHeads.Remove(tombstone.ContactId);
                }
                else
                {
                    _working.LedgerByContact.Set(tombstone.ContactId, rest);
                }

                _working.EventIds.Remove(tombstone.Id);
                deleted++;
            }

            return ValueTask.FromResult(deleted);
        }

        ValueTask IArchivedProofWriter.SaveAsync(ArchivedProof proof, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(proof);
            ThrowIfDone();
            _working.Archive.Set(proof.ContactId, proof);
            return ValueTask.CompletedTask;
        }

        ValueTask<ArchivedProof?> IArchivedProofWriter.FindAsync(Guid contactId, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Archive.TryGetValue(contactId, out var proof) ? proof : null);
        }

        ValueTask<int> IArchivedProofWriter.DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
            ThrowIfDone();
            var expired = _working.Archive.Values().Where(p => p.KeepUntil <= now).OrderBy(p => p.KeepUntil).Take(maxCount)
                .Select(p => p.ContactId).ToList();
            foreach (var id in expired)
            {
                _working.Archive.Remove(id);
            }

            return ValueTask.FromResult(expired.Count);
        }
    }
}
