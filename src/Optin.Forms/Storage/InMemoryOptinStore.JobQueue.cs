using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>The operator's side of the job queue (<see cref="IJobQueueAdmin"/>): a scan of the committed jobs under the read lock.</content>
public sealed partial class InMemoryOptinStore
{
    /// <inheritdoc />
    public IJobQueueAdmin JobQueue => new QueueAdmin(this);

    private sealed class QueueAdmin(InMemoryOptinStore store) : IJobQueueAdmin
    {
        public ValueTask<QueueHealth> GetHealthAsync(Instant now, CancellationToken cancellationToken)
        {
            long due = 0, scheduled = 0, running = 0, dead = 0;
            Instant? oldest = null;
            lock (store._readLock)
            {
                foreach (var job in store._state.Jobs.Committed.Values)
                {
                    switch (job.Status)
                    {
                        case JobStatus.Pending when job.DueAt <= now:
                            due++;
                            oldest = oldest is { } o && o <= job.DueAt ? o : job.DueAt;
                            break;
                        case JobStatus.Pending:
                            scheduled++;
                            break;
                        case JobStatus.Running:
                            running++;
                            break;
                        case JobStatus.DeadLettered:
                            dead++;
                            break;
                    }
                }
            }

            return ValueTask.FromResult(new QueueHealth(due, scheduled, running, dead, oldest));
        }

        public ValueTask<IReadOnlyList<JobRecord>> ListDeadLettersAsync(int offset, int maxCount, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
            return ValueTask.FromResult(Latest(j => j.Status == JobStatus.DeadLettered, offset, maxCount));
        }

        public ValueTask<IReadOnlyList<JobRecord>> ListMailFailuresAsync(int maxCount, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
            return ValueTask.FromResult(Latest(MailFailures.IsMailFailure, 0, maxCount));
        }

        public ValueTask<bool> RequeueDeadLetterAsync(Guid jobId, Instant dueAt, string note, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(note);
            return UpdateDeadLetterAsync(jobId, j => j with { Status = JobStatus.Pending, DueAt = dueAt, Attempts = 0, LastError = note, FinishedAt = null },
                cancellationToken);
        }

        public ValueTask<bool> DiscardDeadLetterAsync(Guid jobId, Instant at, string note, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(note);
            return UpdateDeadLetterAsync(jobId, j => j with { Status = JobStatus.Cancelled, LastError = note, FinishedAt = at }, cancellationToken);
        }

        /// <summary>The matching jobs, latest first: by finish instant (else due instant), then newest job first.</summary>
        private IReadOnlyList<JobRecord> Latest(Func<JobRecord, bool> match, int offset, int maxCount)
        {
            var found = new List<(JobRecord Job, int Position)>();
            lock (store._readLock)
            {
                for (var i = 0; i < store._state.JobOrder.Count; i++)
                {
                    var job = store._state.Jobs.Committed[store._state.JobOrder[i]];
                    if (match(job))
                    {
                        found.Add((job, i));
                    }
                }
            }

            return (List<JobRecord>)[.. found.OrderByDescending(f => f.Job.FinishedAt ?? f.Job.DueAt).ThenByDescending(f => f.Position).Skip(offset).Take(maxCount)
                .Select(f => f.Job)];
        }

        private async ValueTask<bool> UpdateDeadLetterAsync(Guid jobId, Func<JobRecord, JobRecord> update, CancellationToken cancellationToken)
        {
            await store._writeLock.WaitAsync(cancellationToken);
            try
            {
                if (!store._state.Jobs.Committed.TryGetValue(jobId, out var job) || job.Status != JobStatus.DeadLettered)
                {
                    return false;
                }

                lock (store._readLock)
                {
                    store._state.SetCommittedJob(update(job));
                }

                return true;
            }
            finally
            {
                store._writeLock.Release();
            }
        }
    }
}
