using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// The operator's side of the job queue (<see cref="IJobQueueAdmin"/>). The counts read the (status, due_at) index; the
/// dead letters and mail failures are few, read by status. Retry and discard are one conditional update each, a turn
/// of the writer like the worker's updates.
/// </content>
internal sealed partial class EntityFrameworkCoreOptinStore : IJobQueueAdmin
{
    private const int PendingStatus = (int)JobStatus.Pending;
    private const int RunningStatus = (int)JobStatus.Running;
    private const int DeadStatus = (int)JobStatus.DeadLettered;

    private static readonly string RequeueDeadLetter = $"UPDATE {M.Jobs} SET status = {PendingStatus}, due_at = @p0, attempts = 0, last_error = @p1, "
        + $"finished_at = NULL, lease_owner = NULL, lease_expires_at = NULL WHERE id = @p2 AND status = {DeadStatus}";

    private static readonly string DiscardDeadLetter = $"UPDATE {M.Jobs} SET status = {(int)JobStatus.Cancelled}, last_error = @p0, "
        + $"finished_at = @p1 WHERE id = @p2 AND status = {DeadStatus}";

    public IJobQueueAdmin JobQueue => this;

    /// <summary>
    /// One grouped read over the unfinished and dead-lettered jobs (the (status, due_at) index), never the finished ones,
    /// whose number grows with the site's history: the metrics and the worker's health check run it too.
    /// </summary>
    public async ValueTask<QueueHealth> GetHealthAsync(Instant now, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        await using var lease = await source.CreateAsync(cancellationToken);
        var groups = await lease.Context.Set<JobEntity>().AsNoTracking()
            .Where(j => j.Status == PendingStatus || j.Status == RunningStatus || j.Status == DeadStatus)
            .GroupBy(j => j.Status)
            .Select(g => new
            {
                Status = g.Key,
                Count = g.Count(),
                Due = g.Count(j => j.DueAt <= at),
                Oldest = g.Where(j => j.DueAt <= at).Min(j => (long?)j.DueAt),
            })
            .ToListAsync(cancellationToken);
        var pending = groups.Find(g => g.Status == PendingStatus);
        return new QueueHealth(
            pending?.Due ?? 0,
            (pending?.Count ?? 0) - (pending?.Due ?? 0),
            groups.Find(g => g.Status == RunningStatus)?.Count ?? 0,
            groups.Find(g => g.Status == DeadStatus)?.Count ?? 0,
            pending?.Oldest is { } oldest ? Instant.FromUnixTimeMilliseconds(oldest) : null);
    }

    public async ValueTask<IReadOnlyList<JobRecord>> ListDeadLettersAsync(int offset, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = await lease.Context.Set<JobEntity>().AsNoTracking().Where(j => j.Status == DeadStatus)
            .OrderByDescending(j => j.FinishedAt ?? j.DueAt).ThenByDescending(j => j.Position).Skip(offset).Take(maxCount)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(JobMapper.ToJob);
    }

    public async ValueTask<IReadOnlyList<JobRecord>> ListMailFailuresAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var lease = await source.CreateAsync(cancellationToken);
        // The reasons JobRunner records for delivery failures (Optin.Forms' MailFailures): a transient one being retried,
        // a permanent one, or the attempt limit reached on a transient one.
        var rows = await lease.Context.Set<JobEntity>().AsNoTracking()
            .Where(j => (j.Status == PendingStatus || j.Status == DeadStatus) && j.LastError != null
                && (j.LastError.StartsWith("MailDeliveryException") || j.LastError.StartsWith("Permanent delivery failure")
                    || (j.LastError.StartsWith("Gave up after ") && j.LastError.Contains(" attempts: MailDeliveryException"))))
            .OrderByDescending(j => j.FinishedAt ?? j.DueAt).ThenByDescending(j => j.Position).Take(maxCount)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(JobMapper.ToJob);
    }

    public async ValueTask<bool> RequeueDeadLetterAsync(Guid jobId, Instant dueAt, string note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var due = dueAt.ToUnixTimeMilliseconds();
        return await WriteAsync(async (rows, ct) => await rows.ExecuteAsync(RequeueDeadLetter, ct, due, note, jobId) == 1, cancellationToken);
    }

    public async ValueTask<bool> DiscardDeadLetterAsync(Guid jobId, Instant at, string note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var finished = at.ToUnixTimeMilliseconds();
        return await WriteAsync(async (rows, ct) => await rows.ExecuteAsync(DiscardDeadLetter, ct, note, finished, jobId) == 1, cancellationToken);
    }
}
