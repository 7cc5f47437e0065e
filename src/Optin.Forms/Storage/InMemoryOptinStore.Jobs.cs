using System.Runtime.CompilerServices;
using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>
/// The worker's side of the job queue: each operation takes the write lock, so it is atomic, and changes the committed
/// jobs directly (no transaction is open while it holds that lock) under the read lock.
/// </content>
public sealed partial class InMemoryOptinStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<JobRecord>> ClaimDueJobsAsync(string leaseOwner, Instant now, Duration lease, int maxCount,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var due = _state.JobIndex.Due(_state.Jobs.Committed, now, maxCount);
            lock (_readLock)
            {
                for (var i = 0; i < due.Count; i++)
                {
                    var j = due[i];
                    due[i] = j with
                    {
                        Status = JobStatus.Running,
                        Attempts = j.Attempts + 1,
                        LeaseOwner = leaseOwner,
                        LeaseExpiresAt = now + lease,
                    };
                    _state.SetCommittedJob(due[i]);
                }
            }

            return due;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken)
    {
        if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
        {
            throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
        }

        return UpdateLeasedAsync(jobId, leaseOwner, j => j with
        {
            Status = status,
            LastError = reason ?? j.LastError,
            FinishedAt = at,
            LeaseOwner = null,
            LeaseExpiresAt = null,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> RetryJobAsync(Guid jobId, string leaseOwner, Instant dueAt, string reason, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(jobId, leaseOwner, j => j with
        {
            Status = JobStatus.Pending,
            DueAt = dueAt,
            LastError = reason,
            LeaseOwner = null,
            LeaseExpiresAt = null,
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RenewJobLeaseAsync(Guid jobId, string leaseOwner, Instant now, Duration lease, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(jobId, leaseOwner, j => j with { LeaseExpiresAt = now + lease }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<JobRecord?> FindJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.Jobs.Committed.GetValueOrDefault(jobId));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JobRecord> ListJobsAsync(Guid? contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var jobs = new List<JobRecord>();
        lock (_readLock)
        {
            foreach (var id in _state.JobOrder)
            {
                var job = _state.Jobs.Committed[id];
                if (contactId is null || job.ContactId == contactId)
                {
                    jobs.Add(job);
                }
            }
        }

        foreach (var job in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return job;
        }

        await Task.CompletedTask;
    }

    private async ValueTask<bool> UpdateLeasedAsync(Guid jobId, string leaseOwner, Func<JobRecord, JobRecord> update,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var jobs = _state.Jobs.Committed;
            if (!jobs.TryGetValue(jobId, out var job) || job.Status != JobStatus.Running || job.LeaseOwner != leaseOwner)
            {
                return false;
            }

            var updated = update(job);
            lock (_readLock)
            {
                _state.SetCommittedJob(updated);
            }

            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
