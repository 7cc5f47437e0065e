using System.Data.Common;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The append-only rows of the hot path (consent events, submissions, jobs, tokens) and the job queue's updates, as
/// prepared statements (<see cref="RowCommands"/>). Column lists sit next to the values they take, in the same order.
/// </summary>
internal static class RecordRows
{
    private const int Pending = (int)JobStatus.Pending;
    private const int Running = (int)JobStatus.Running;

    private const string InsertEvent = $"INSERT INTO {M.ConsentEvents} ({C.Id}, {C.ContactId}, {C.Kind}, {C.State}, {C.Method}, {C.OccurredAt}, {C.PurposeId}, "
        + $"{C.PurposeVersion}, {C.FormId}, {C.FormVersion}, {C.SubmissionId}, {C.ConsentText}, {C.ConsentTextSha256}, {C.PurposeText}, {C.PurposeTextSha256}, "
        + $"{C.PrivacyNotice}, {C.Controller}, {C.Culture}, {C.SourceUrl}, {C.IpAddress}, {C.UserAgent}, {C.Actor}, {C.Reason}, {C.LegalBasis}, {C.TemplateId}, "
        + $"{C.TemplateSha256}, {C.MessageId}, "
        + $"{C.Address}, {C.PreviousAddress}, {C.FormSha256}, {C.ConsentBoxSha256}, {C.PrivacyNoticeSha256}, {C.EmailSha256}, " // EVD-1
        + $"{C.Hash}, {C.PreviousHash}" // LEDG-1
        + ") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, "
        + "@p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, "
        + "@p27, @p28, @p29, @p30, @p31, @p32, @p33, @p34)";

    private const string InsertSubmission = $"INSERT INTO {M.Submissions} ({C.Id}, {C.FormId}, {C.FormVersion}, {C.ContactId}, {C.ReceivedAt}, {C.Culture}, "
        + $"{C.ValuesJson}, {C.ConsentsGivenJson}, {C.SourceUrl}, {C.IpAddress}, {C.UserAgent}) "
        + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)";

    private const string JobColumns = $"{C.Id}, {C.Action}, {C.RuleName}, {C.ContactId}, {C.PurposeId}, {C.PurposeKey}, {C.Payload}, {C.MessageId}, {C.CreatedAt}, "
        + $"{C.DueAt}, {C.Status}, {C.Attempts}, {C.LeaseOwner}, {C.LeaseExpiresAt}, {C.LastError}, {C.FinishedAt}, {C.Recipient}, {C.TraceParent}";

    private const string InsertJob = $"INSERT INTO {M.Jobs} ({JobColumns}) "
        + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17)";

    private const string InsertToken = $"INSERT INTO {M.Tokens} ({C.Hash}, {C.Kind}, {C.ContactId}, {C.PurposeId}, {C.PurposeKey}, {C.Culture}, {C.JobId}, "
        + $"{C.CreatedAt}, {C.ExpiresAt}, {C.ConsumedAt}, {C.OtherPurposeIds}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)";

    private const string FindSuppression = $"SELECT {C.AddressHash}, {C.Reason}, {C.CreatedAt}, {C.ExpiresAt} FROM {M.Suppressions} WHERE {C.AddressHash} = @p0";

    private const string IncrementCounter = $"INSERT INTO {M.Counters} ({C.Key}, {C.Value}, {C.ExpiresAt}) VALUES (@p0, 1, @p1) "
        + $"ON CONFLICT ({C.Key}) DO UPDATE SET {C.Value} = CASE WHEN {M.Counters}.{C.ExpiresAt} > @p2 THEN {M.Counters}.{C.Value} + 1 ELSE 1 END, "
        + $"{C.ExpiresAt} = CASE WHEN {M.Counters}.{C.ExpiresAt} > @p2 THEN {M.Counters}.{C.ExpiresAt} ELSE @p1 END RETURNING {C.Value}";

    private const string AddToCounter = $"INSERT INTO {M.Counters} ({C.Key}, {C.Value}, {C.ExpiresAt}) VALUES (@p0, @p3, @p1) "
        + $"ON CONFLICT ({C.Key}) DO UPDATE SET {C.Value} = CASE WHEN {M.Counters}.{C.ExpiresAt} > @p2 THEN {M.Counters}.{C.Value} + @p3 ELSE @p3 END, "
        + $"{C.ExpiresAt} = CASE WHEN {M.Counters}.{C.ExpiresAt} > @p2 THEN {M.Counters}.{C.ExpiresAt} ELSE @p1 END RETURNING {C.Value}";

    /// <summary>Ends a running job still leased by its owner (a conditional update).</summary>
    private static readonly string CompleteJob = $"UPDATE {M.Jobs} SET {C.Status} = @p0, {C.LastError} = COALESCE(@p1, {C.LastError}), "
        + $"{C.FinishedAt} = @p2, {C.LeaseOwner} = NULL, {C.LeaseExpiresAt} = NULL WHERE {C.Id} = @p3 AND {C.Status} = {Running} AND {C.LeaseOwner} = @p4";

    private static readonly string RetryJob = $"UPDATE {M.Jobs} SET {C.Status} = {Pending}, {C.DueAt} = @p0, {C.LastError} = @p1, {C.LeaseOwner} = NULL, "
        + $"{C.LeaseExpiresAt} = NULL WHERE {C.Id} = @p2 AND {C.Status} = {Running} AND {C.LeaseOwner} = @p3";

    /// <summary>Extends the lease of a running job still leased by its owner (a conditional update).</summary>
    private static readonly string RenewJobLease = $"UPDATE {M.Jobs} SET {C.LeaseExpiresAt} = @p0 WHERE {C.Id} = @p1 AND {C.Status} = {Running} "
        + $"AND {C.LeaseOwner} = @p2";

    private static readonly string DueJobs = $"({C.Status} = {Pending} AND {C.DueAt} <= @p0) OR ({C.Status} = {Running} AND {C.LeaseExpiresAt} <= @p0)";

    public static async ValueTask AppendEventAsync(RowCommands rows, ConsentEvent e, string duplicate, CancellationToken cancellationToken) =>
        await rows.ExecuteUniqueAsync(InsertEvent, duplicate, cancellationToken, e.Id, e.ContactId, (int)e.Kind, (int)e.State, (int)e.Method,
            e.OccurredAt.ToUnixTimeMilliseconds(), e.PurposeId, e.PurposeVersion, e.FormId, e.FormVersion, e.SubmissionId, e.ConsentText,
            e.ConsentTextSha256, e.PurposeText, e.PurposeTextSha256, e.PrivacyNotice, e.Controller, e.Culture, e.SourceUrl, e.IpAddress,
            e.UserAgent, e.Actor, e.Reason, e.LegalBasis, e.TemplateId, e.TemplateSha256, e.MessageId,
            e.Address, e.PreviousAddress, e.FormSha256, e.ConsentBoxSha256, e.PrivacyNoticeSha256, e.EmailSha256, e.Hash, e.PreviousHash);

    public static async ValueTask AddSubmissionAsync(RowCommands rows, SubmissionRecord submission, CancellationToken cancellationToken)
    {
        var s = EntityMapper.ToEntity(submission);
        await rows.ExecuteUniqueAsync(InsertSubmission, $"The submission {submission.Id} is already stored.", cancellationToken,
            s.Id, s.FormId, s.FormVersion, s.ContactId, s.ReceivedAt, s.Culture, s.ValuesJson, s.ConsentsGivenJson, s.SourceUrl, s.IpAddress,
            s.UserAgent);
    }

    public static async ValueTask EnqueueJobAsync(RowCommands rows, JobRecord job, CancellationToken cancellationToken)
    {
        var j = JobMapper.ToEntity(job);
        await rows.ExecuteUniqueAsync(InsertJob, $"The job {job.Id} is already queued.", cancellationToken, j.Id, j.Action, j.RuleName, j.ContactId,
            j.PurposeId, j.PurposeKey, j.Payload, j.MessageId, j.CreatedAt, j.DueAt, j.Status, j.Attempts, j.LeaseOwner, j.LeaseExpiresAt,
            j.LastError, j.FinishedAt, j.Recipient, j.TraceParent);
    }

    public static async ValueTask SaveTokenAsync(RowCommands rows, TokenRecord token, CancellationToken cancellationToken)
    {
        var t = JobMapper.ToEntity(token);
        await rows.ExecuteUniqueAsync(InsertToken, "A token with this hash is already stored.", cancellationToken, t.Hash, t.Kind, t.ContactId,
            t.PurposeId, t.PurposeKey, t.Culture, t.JobId, t.CreatedAt, t.ExpiresAt, t.ConsumedAt, t.OtherPurposeIds);
    }

    public static async ValueTask<SuppressionEntry?> FindSuppressionAsync(RowCommands rows, string addressHash, CancellationToken cancellationToken)
    {
        var found = await rows.ReadAsync(FindSuppression, r => JobMapper.ToEntry(new SuppressionEntity
        {
            AddressHash = r.GetString(0),
            Reason = r.GetString(1),
            CreatedAt = r.GetInt64(2),
            ExpiresAt = r.GetInt64(3),
        }), cancellationToken, addressHash);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Adds one to the counter, starting it again at 1 once expired; returns the new value.</summary>
    public static async ValueTask<long> IncrementCounterAsync(RowCommands rows, string key, long now, long expiresAt,
        CancellationToken cancellationToken) =>
        (await rows.ReadAsync(IncrementCounter, r => r.GetInt64(0), cancellationToken, key, expiresAt, now))[0];

    public static async ValueTask<long> AddToCounterAsync(RowCommands rows, string key, long amount, long now, long expiresAt,
        CancellationToken cancellationToken) =>
        (await rows.ReadAsync(AddToCounter, r => r.GetInt64(0), cancellationToken, key, expiresAt, now, amount))[0];

    private static readonly string ClaimOnSqlite = Claim(lockRows: false);
    private static readonly string ClaimOnPostgreSql = Claim(lockRows: true);

    /// <summary>Whether a job is due (the claim's condition; <c>@p0</c> is now, in Unix milliseconds).</summary>
    public static string DueCondition => DueJobs;

    public static async ValueTask<bool> CompleteJobAsync(RowCommands rows, Guid jobId, string leaseOwner, JobStatus status, string? reason,
        long finishedAt, CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(CompleteJob, cancellationToken, (int)status, reason, finishedAt, jobId, leaseOwner) == 1;

    public static async ValueTask<bool> RetryJobAsync(RowCommands rows, Guid jobId, string leaseOwner, long dueAt, string reason,
        CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(RetryJob, cancellationToken, dueAt, reason, jobId, leaseOwner) == 1;

    public static async ValueTask<bool> RenewJobLeaseAsync(RowCommands rows, Guid jobId, string leaseOwner, long leaseExpiresAt,
        CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(RenewJobLease, cancellationToken, leaseExpiresAt, jobId, leaseOwner) == 1;

    /// <summary>
    /// Leases up to <paramref name="maxCount"/> due jobs (pending and due, or running with an expired lease) in one
    /// statement; on PostgreSQL the candidates are locked with <c>FOR UPDATE SKIP LOCKED</c>.
    /// </summary>
    public static async ValueTask<List<JobRecord>> ClaimAsync(RowCommands rows, long now, string leaseOwner, long leaseExpiresAt, int maxCount,
        CancellationToken cancellationToken)
    {
        var sql = rows.Dialect.IsPostgreSql ? ClaimOnPostgreSql : ClaimOnSqlite;
        var claimed = await rows.ReadAsync(sql, ReadJob, cancellationToken, now, leaseOwner, leaseExpiresAt, maxCount);
        claimed.Sort((a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : a.Position.CompareTo(b.Position));
        return claimed.ConvertAll(JobMapper.ToJob);
    }

    /// <summary>
    /// The claim. The two kinds of due jobs are each read from their own index, already in order and limited, then
    /// merged: with <c>OR</c>, both databases collected and sorted every due job first, which under a backlog of
    /// 20,000 took 12 ms (SQLite, under the write lock) to 18 ms (PostgreSQL) per claim, against about 1 ms now. On
    /// PostgreSQL the candidates are four times the batch, re-checked and locked with <c>FOR UPDATE SKIP LOCKED</c>: up
    /// to four workers claiming at the same instant each still fill their batch, and more get what is left, the rest
    /// at their next poll.
    /// </summary>
    private static string Claim(bool lockRows)
    {
        static string Candidates(string limit) =>
            $"SELECT {C.Position}, {C.DueAt} FROM (SELECT {C.Position}, {C.DueAt} FROM {M.Jobs} WHERE {C.Status} = {Pending} AND {C.DueAt} <= @p0 "
            + $"ORDER BY {C.DueAt}, {C.Position} LIMIT {limit}) AS due_pending UNION ALL SELECT {C.Position}, {C.DueAt} FROM (SELECT {C.Position}, {C.DueAt} "
            + $"FROM {M.Jobs} WHERE {C.Status} = {Running} AND {C.LeaseExpiresAt} <= @p0 ORDER BY {C.DueAt}, {C.Position} LIMIT {limit}) AS expired_leases";

        var claimed = lockRows
            ? $"SELECT {C.Position} FROM {M.Jobs} WHERE {C.Position} IN (SELECT {C.Position} FROM ({Candidates("@p3 * 4")}) AS candidates) "
                + $"AND ({DueJobs}) ORDER BY {C.DueAt}, {C.Position} LIMIT @p3 FOR UPDATE SKIP LOCKED"
            : $"SELECT {C.Position} FROM ({Candidates("@p3")}) AS candidates ORDER BY {C.DueAt}, {C.Position} LIMIT @p3";
        return $"UPDATE {M.Jobs} SET {C.Status} = {Running}, {C.Attempts} = {C.Attempts} + 1, {C.LeaseOwner} = @p1, {C.LeaseExpiresAt} = @p2 "
            + $"WHERE {C.Position} IN ({claimed}) RETURNING {C.Position}, {JobColumns}";
    }

    private static JobEntity ReadJob(DbDataReader r) => new()
    {
        Position = r.GetInt64(0),
        Id = r.GetGuid(1),
        Action = r.GetString(2),
        RuleName = r.IsDBNull(3) ? null : r.GetString(3),
        ContactId = r.IsDBNull(4) ? null : r.GetGuid(4),
        PurposeId = r.IsDBNull(5) ? null : r.GetString(5),
        PurposeKey = r.IsDBNull(6) ? null : r.GetString(6),
        Payload = r.GetString(7),
        MessageId = r.IsDBNull(8) ? null : r.GetString(8),
        CreatedAt = r.GetInt64(9),
        DueAt = r.GetInt64(10),
        Status = r.GetInt32(11),
        Attempts = r.GetInt32(12),
        LeaseOwner = r.IsDBNull(13) ? null : r.GetString(13),
        LeaseExpiresAt = r.IsDBNull(14) ? null : r.GetInt64(14),
        LastError = r.IsDBNull(15) ? null : r.GetString(15),
        FinishedAt = r.IsDBNull(16) ? null : r.GetInt64(16),
        Recipient = r.IsDBNull(17) ? null : r.GetString(17),
        TraceParent = r.IsDBNull(18) ? null : r.GetString(18),
    };
}
