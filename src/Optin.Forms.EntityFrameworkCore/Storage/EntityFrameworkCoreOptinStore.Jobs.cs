using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
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
        var at = now.ToUnixTimeMilliseconds();
        var leaseExpiresAt = (now + lease).ToUnixTimeMilliseconds();
        ValueTask<List<JobRecord>> Claim(RowCommands rows, CancellationToken ct) => RecordRows.ClaimAsync(rows, at, leaseOwner, leaseExpiresAt, maxCount, ct);

        if (await WriterAsync(cancellationToken) is { } writer)
        {
            // SQLite: a cheap read first (indexed, no write lock), so an idle worker's poll never waits for writers
            // nor makes them wait.
            var probe = $"SELECT EXISTS (SELECT 1 FROM {M.Jobs} WHERE {RecordRows.DueCondition})";
            if (!(await WithRowsAsync((rows, ct) => rows.ReadAsync(probe, r => r.GetBoolean(0), ct, at), cancellationToken))[0])
            {
                return [];
            }

            return await writer.RunAsync(source, Claim, cancellationToken);
        }

        return await WithRowsAsync(Claim, cancellationToken);
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
        return await WriteAsync((rows, ct) => RecordRows.CompleteJobAsync(rows, jobId, leaseOwner, status, reason, finished, ct), cancellationToken);
    }

    public async ValueTask<bool> RetryJobAsync(Guid jobId, string leaseOwner, Instant dueAt, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        var due = dueAt.ToUnixTimeMilliseconds();
        return await WriteAsync((rows, ct) => RecordRows.RetryJobAsync(rows, jobId, leaseOwner, due, reason, ct), cancellationToken);
    }

    public async ValueTask<bool> RenewJobLeaseAsync(Guid jobId, string leaseOwner, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        var leaseExpiresAt = (now + lease).ToUnixTimeMilliseconds();
        return await WriteAsync((rows, ct) => RecordRows.RenewJobLeaseAsync(rows, jobId, leaseOwner, leaseExpiresAt, ct), cancellationToken);
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

    /// <summary>Runs <paramref name="work"/> as a turn of the provider's writer (SQLite's group commit), or on a connection of its own (PostgreSQL).</summary>
    private async ValueTask<T> WriteAsync<T>(Func<RowCommands, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        await WriterAsync(cancellationToken) is { } writer
            ? await writer.RunAsync(source, work, cancellationToken)
            : await WithRowsAsync(work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> outside any transaction (each statement committed at once): on a SQLite file, on one
    /// of the group commit's reader connections; otherwise on the connection of a context of its own.
    /// </summary>
    private async ValueTask<T> WithRowsAsync<T>(Func<RowCommands, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        if (await WriterAsync(cancellationToken) is { CanRead: true } writer)
        {
            return await writer.ReadAsync(work, cancellationToken);
        }

        await using var lease = await source.CreateAsync(cancellationToken);
        await lease.Context.Database.OpenConnectionAsync(cancellationToken);
        await using var rows = new RowCommands(lease.Context.Database.GetDbConnection(), _provider!.Dialect);
        return await work(rows, cancellationToken);
    }
}
