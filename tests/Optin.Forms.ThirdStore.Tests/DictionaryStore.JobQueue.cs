using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.ThirdStore.Tests;

/// <content>The operator's side of the job queue (the back office's jobs page), from the public contract of <see cref="IJobQueueAdmin"/> only.</content>
internal sealed partial class DictionaryStore : IJobQueueAdmin
{
    public IJobQueueAdmin JobQueue => this;

    ValueTask<QueueHealth> IJobQueueAdmin.GetHealthAsync(Instant now, CancellationToken cancellationToken)
    {
        var jobs = Committed.Jobs;
        var due = jobs.Where(j => j.Status == JobStatus.Pending && j.DueAt <= now).ToList();
        return ValueTask.FromResult(new QueueHealth(due.Count, jobs.Count(j => j.Status == JobStatus.Pending && j.DueAt > now),
            jobs.Count(j => j.Status == JobStatus.Running), jobs.Count(j => j.Status == JobStatus.DeadLettered),
            due.Count == 0 ? null : due.Min(j => j.DueAt)));
    }

    ValueTask<IReadOnlyList<JobRecord>> IJobQueueAdmin.ListDeadLettersAsync(int offset, int maxCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Latest(j => j.Status == JobStatus.DeadLettered, offset, maxCount));

    ValueTask<IReadOnlyList<JobRecord>> IJobQueueAdmin.ListMailFailuresAsync(int maxCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Latest(IsMailFailure, 0, maxCount));

    ValueTask<bool> IJobQueueAdmin.RequeueDeadLetterAsync(Guid jobId, Instant dueAt, string note, CancellationToken cancellationToken) =>
        UpdateDeadLetterAsync(jobId, j => j with { Status = JobStatus.Pending, DueAt = dueAt, Attempts = 0, LastError = note, FinishedAt = null },
            cancellationToken);

    ValueTask<bool> IJobQueueAdmin.DiscardDeadLetterAsync(Guid jobId, Instant at, string note, CancellationToken cancellationToken) =>
        UpdateDeadLetterAsync(jobId, j => j with { Status = JobStatus.Cancelled, LastError = note, FinishedAt = at }, cancellationToken);

    /// <summary>The reasons the job runner records for delivery failures, as <see cref="IJobQueueAdmin"/> lists them.</summary>
    private static bool IsMailFailure(JobRecord job) =>
        job.Status is JobStatus.Pending or JobStatus.DeadLettered && job.LastError is { } e
        && (e.StartsWith("MailDeliveryException", StringComparison.Ordinal) || e.StartsWith("Permanent delivery failure", StringComparison.Ordinal)
            || (e.StartsWith("Gave up after ", StringComparison.Ordinal) && e.Contains(" attempts: MailDeliveryException", StringComparison.Ordinal)));

    private IReadOnlyList<JobRecord> Latest(Func<JobRecord, bool> match, int offset, int maxCount) =>
        (List<JobRecord>)[.. Committed.Jobs.Select((job, position) => (Job: job, Position: position)).Where(x => match(x.Job))
            .OrderByDescending(x => x.Job.FinishedAt ?? x.Job.DueAt).ThenByDescending(x => x.Position).Skip(offset).Take(maxCount).Select(x => x.Job)];

    private ValueTask<bool> UpdateDeadLetterAsync(Guid jobId, Func<JobRecord, JobRecord> update, CancellationToken cancellationToken) =>
        WriteAsync(tables =>
        {
            var index = tables.Jobs.FindIndex(j => j.Id == jobId);
            if (index < 0 || tables.Jobs[index].Status != JobStatus.DeadLettered)
            {
                return false;
            }

            tables.Jobs[index] = update(tables.Jobs[index]);
            return true;
        }, cancellationToken);
}
