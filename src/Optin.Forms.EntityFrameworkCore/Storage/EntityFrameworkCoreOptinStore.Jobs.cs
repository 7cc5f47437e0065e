using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using NodaTime;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// The worker's side of the job queue. A claim is one statement: on PostgreSQL the candidate rows are locked with
/// <c>FOR UPDATE SKIP LOCKED</c>, so workers on many machines never claim the same job twice; on SQLite the single
/// <c>UPDATE … RETURNING</c> runs as a turn of the group commit, after a lock-free read found a job due.
/// </content>
internal sealed partial class EntityFrameworkCoreOptinStore : IJobStore
{
    public IJobStore Jobs => this;

    public async ValueTask<IReadOnlyList<JobRecord>> ClaimDueJobsAsync(string leaseOwner, Instant now, Duration lease, int maxCount,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var writer = await WriterAsync(cancellationToken);
        var args = new SqlArguments();
        var at = args.Add(now.ToUnixTimeMilliseconds());
        var due = $"(status = {(int)JobStatus.Pending} AND due_at <= {at}) OR (status = {(int)JobStatus.Running} AND lease_expires_at <= {at})";
        var candidates = $"SELECT position FROM {M.Jobs} WHERE {due} ORDER BY due_at, position LIMIT {args.Add(maxCount)}"
            + (writer is null ? " FOR UPDATE SKIP LOCKED" : "");
        var sql = $"UPDATE {M.Jobs} SET status = {(int)JobStatus.Running}, attempts = attempts + 1, "
            + $"lease_owner = {args.Add(leaseOwner)}, lease_expires_at = {args.Add((now + lease).ToUnixTimeMilliseconds())} "
            + $"WHERE position IN ({candidates}) RETURNING *";
        Task<List<JobEntity>> Claim(DbContext db, CancellationToken ct) =>
            db.Set<JobEntity>().FromSqlRaw(sql, args.Values).AsNoTracking().ToListAsync(ct);

        List<JobEntity> rows;
        if (writer is null)
        {
            await using var context = await source.CreateAsync(cancellationToken);
            rows = await Claim(context.Context, cancellationToken);
        }
        else
        {
            // SQLite: a cheap read first (indexed, no write lock), so an idle worker's poll never waits for writers
            // nor makes them wait.
            await using (var context = await source.CreateAsync(cancellationToken))
            {
                var probe = $"SELECT EXISTS (SELECT 1 FROM {M.Jobs} WHERE {due}) AS \"Value\"";
                if (!await context.Context.Database.SqlQueryRaw<bool>(probe, args.Values[0]).SingleAsync(cancellationToken))
                {
                    return [];
                }
            }

            rows = await writer.RunAsync(source, Claim, cancellationToken);
        }

        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Position).Select(JobMapper.ToJob).ToList();
    }

    public async ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken)
    {
        if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
        {
            throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
        }

        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        var finished = at.ToUnixTimeMilliseconds();
        return await UpdateLeasedAsync(jobId, leaseOwner, s => s
            .SetProperty(j => j.Status, (int)status)
            .SetProperty(j => j.LastError, j => reason ?? j.LastError)
            .SetProperty(j => j.FinishedAt, finished)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (long?)null), cancellationToken);
    }

    public async ValueTask<bool> RetryJobAsync(Guid jobId, string leaseOwner, Instant dueAt, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        var due = dueAt.ToUnixTimeMilliseconds();
        return await UpdateLeasedAsync(jobId, leaseOwner, s => s
            .SetProperty(j => j.Status, (int)JobStatus.Pending)
            .SetProperty(j => j.DueAt, due)
            .SetProperty(j => j.LastError, reason)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (long?)null), cancellationToken);
    }

    public async ValueTask<JobRecord?> FindJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var row = await lease.Context.Set<JobEntity>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return row is null ? null : JobMapper.ToJob(row);
    }

    public async IAsyncEnumerable<JobRecord> ListJobsAsync(Guid? contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var jobs = lease.Context.Set<JobEntity>().AsNoTracking();
        if (contactId is { } id)
        {
            jobs = jobs.Where(j => j.ContactId == id);
        }

        await foreach (var row in jobs.OrderBy(j => j.Position).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return JobMapper.ToJob(row);
        }
    }

    /// <summary>Updates the job only while <paramref name="leaseOwner"/> holds its lease (a conditional update).</summary>
    private async ValueTask<bool> UpdateLeasedAsync(Guid jobId, string leaseOwner, Action<UpdateSettersBuilder<JobEntity>> setters,
        CancellationToken cancellationToken)
    {
        Task<int> Update(DbContext db, CancellationToken ct) => db.Set<JobEntity>()
            .Where(j => j.Id == jobId && j.Status == (int)JobStatus.Running && j.LeaseOwner == leaseOwner)
            .ExecuteUpdateAsync(setters, ct);

        if (await WriterAsync(cancellationToken) is { } writer)
        {
            return await writer.RunAsync(source, Update, cancellationToken) == 1;
        }

        await using var lease = await source.CreateAsync(cancellationToken);
        return await Update(lease.Context, cancellationToken) == 1;
    }
}
