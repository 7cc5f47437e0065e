using Microsoft.EntityFrameworkCore;
using Optin.Forms.Contacts;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// A bulk opt-in change as set-based statements, in batches of contact id ranges: the ledger rows by
/// <c>INSERT … SELECT</c>, then the state changes by <c>UPDATE</c> and <c>INSERT … SELECT</c>. Nothing is loaded into
/// memory, whatever the number of contacts.
/// </summary>
internal static class BulkOptinWriter
{
    public const int DefaultBatchSize = 50_000;

    private const string EventColumns = "id, contact_id, kind, state, method, occurred_at, purpose_id, purpose_version, form_id, "
        + "form_version, submission_id, consent_text, consent_text_sha256, purpose_text, purpose_text_sha256, privacy_notice, "
        + "controller, culture, source_url, ip_address, user_agent, actor, reason, legal_basis";

    public static async ValueTask<long> ApplyAsync(DbContext db, SqlDialect dialect, ContactQuery query, BulkOptinChange change,
        int batchSize, CancellationToken cancellationToken)
    {
        long changed = 0;
        Guid? lower = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var upper = await UpperBoundAsync(db, lower, batchSize, cancellationToken);
            changed += await ApplyBatchAsync(db, dialect, query, change, new Range(lower, upper), cancellationToken);
            if (upper is null)
            {
                return changed;
            }

            lower = upper;
        }
    }

    /// <summary>The id ending the batch that starts after <paramref name="lower"/>, or null when it is the last batch.</summary>
    private static async ValueTask<Guid?> UpperBoundAsync(DbContext db, Guid? lower, int batchSize, CancellationToken cancellationToken)
    {
        var args = new SqlArguments();
        var where = lower is { } l ? $"WHERE c.id > {args.Add(l)}" : "";
        var sql = $"SELECT c.id AS \"Value\" FROM {M.Contacts} c {where} ORDER BY c.id LIMIT 1 OFFSET {args.Add(batchSize - 1)}";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, args.Values).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    private static async ValueTask<long> ApplyBatchAsync(DbContext db, SqlDialect dialect, ContactQuery query, BulkOptinChange change,
        Range range, CancellationToken cancellationToken)
    {
        var e = change.EventTemplate;
        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var state = (int)change.State;
        var key = ContactQuerySql.PurposeKey(change.PurposeId);

        // 1. One ledger entry per contact that changes, with a fresh id; the identity column gives the sequence.
        var args = new SqlArguments();
        string Text(string? value) => value is null ? dialect.TypedNull("text") : args.Add(value);
        var select = string.Join(", ",
            dialect.NewGuid, "c.id", args.Add((int)e.Kind), args.Add((int)e.State), args.Add((int)e.Method), args.Add(at),
            args.Add(e.PurposeId), Text(e.PurposeVersion), Text(e.FormId), Text(e.FormVersion),
            e.SubmissionId is { } submissionId ? args.Add(submissionId) : dialect.TypedNull("uuid"),
            Text(e.ConsentText), Text(e.ConsentTextSha256), Text(e.PurposeText), Text(e.PurposeTextSha256), Text(e.PrivacyNotice),
            Text(e.Controller), Text(e.Culture), Text(e.SourceUrl), Text(e.IpAddress), Text(e.UserAgent), Text(e.Actor),
            Text(e.Reason), Text(e.LegalBasis));
        if (dialect.IsPostgreSql)
        {
            return await PostgreSqlBatchAsync(db, query, change, range, args, select, cancellationToken);
        }

        var sql = $"INSERT INTO {M.ConsentEvents} ({EventColumns}) SELECT {select} FROM {M.Contacts} c "
            + $"WHERE {Changing(query, change, range, args)} ORDER BY c.id";
        var count = await db.Database.ExecuteSqlRawAsync(sql, args.Values, cancellationToken);
        if (count == 0)
        {
            return 0;
        }

        // 2. The contacts' last change.
        args = new SqlArguments();
        sql = $"UPDATE {M.Contacts} SET updated_at = {args.Add(at)} WHERE {range.Sql(args, "id")} AND id IN "
            + $"(SELECT c.id FROM {M.Contacts} c WHERE {Changing(query, change, range, args)})";
        await db.Database.ExecuteSqlRawAsync(sql, args.Values, cancellationToken);

        // 3. Existing opt-in rows change state.
        args = new SqlArguments();
        sql = $"UPDATE {M.ContactOptins} SET state = {args.Add(state)}, changed_at = {args.Add(at)} "
            + $"WHERE {range.Sql(args, "contact_id")} AND purpose_key = {args.Add(key)} AND state <> {args.Add(state)} AND contact_id IN "
            + $"(SELECT c.id FROM {M.Contacts} c WHERE {Changing(query, change, range, args)})";
        await db.Database.ExecuteSqlRawAsync(sql, args.Values, cancellationToken);

        // 4. Contacts without a row for the purpose (state None) get one.
        if (change.State != OptinState.None)
        {
            args = new SqlArguments();
            sql = $"INSERT INTO {M.ContactOptins} (contact_id, purpose_key, purpose_id, state, changed_at) "
                + $"SELECT c.id, {args.Add(key)}, {args.Add(change.PurposeId)}, {args.Add(state)}, {args.Add(at)} FROM {M.Contacts} c "
                + $"WHERE {range.Sql(args)} AND {ContactQuerySql.Where(query, args)}{Objected(change, args)} "
                + $"AND NOT EXISTS (SELECT 1 FROM {M.ContactOptins} o WHERE o.contact_id = c.id AND o.purpose_key = {args.Add(key)})";
            await db.Database.ExecuteSqlRawAsync(sql, args.Values, cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// PostgreSQL runs a batch as one statement: the changing contacts are selected once, and data-modifying CTEs
    /// write the ledger rows and the state changes from that set (all of them see the same snapshot).
    /// </summary>
    private static async ValueTask<long> PostgreSqlBatchAsync(DbContext db, ContactQuery query, BulkOptinChange change, Range range,
        SqlArguments args, string select, CancellationToken cancellationToken)
    {
        var at = args.Add(change.EventTemplate.OccurredAt.ToUnixTimeMilliseconds());
        var state = args.Add((int)change.State);
        var key = args.Add(ContactQuerySql.PurposeKey(change.PurposeId));
        var sql = $"WITH changed AS MATERIALIZED (SELECT c.id FROM {M.Contacts} c WHERE {Changing(query, change, range, args)}), "
            + $"ev AS (INSERT INTO {M.ConsentEvents} ({EventColumns}) SELECT {select} FROM changed c ORDER BY c.id RETURNING 1), "
            + $"uc AS (UPDATE {M.Contacts} t SET updated_at = {at} FROM changed c WHERE t.id = c.id), "
            + $"uo AS (UPDATE {M.ContactOptins} o SET state = {state}, changed_at = {at} FROM changed c "
            + $"WHERE o.contact_id = c.id AND o.purpose_key = {key})";
        if (change.State != OptinState.None)
        {
            sql += $", io AS (INSERT INTO {M.ContactOptins} (contact_id, purpose_key, purpose_id, state, changed_at) "
                + $"SELECT c.id, {key}, {args.Add(change.PurposeId)}, {state}, {at} FROM changed c WHERE NOT EXISTS "
                + $"(SELECT 1 FROM {M.ContactOptins} o WHERE o.contact_id = c.id AND o.purpose_key = {key}))";
        }

        sql += " SELECT COUNT(*) AS \"Value\" FROM ev";
        var counts = await db.Database.SqlQueryRaw<long>(sql, args.Values).ToListAsync(cancellationToken);
        return counts[0];
    }

    /// <summary>Contacts in the range, matching the query, not in the new state, and not objecting when that matters.</summary>
    private static string Changing(ContactQuery query, BulkOptinChange change, Range range, SqlArguments args) =>
        $"{range.Sql(args)} AND {ContactQuerySql.Where(query, args)} AND NOT ({ContactQuerySql.StateIs(change.PurposeId, change.State, args)})"
        + Objected(change, args);

    private static string Objected(BulkOptinChange change, SqlArguments args) =>
        change.SkipObjected ? $" AND c.objected_to_marketing = {args.Add(false)}" : "";

    /// <summary>Contact ids in (<see cref="Lower"/>, <see cref="Upper"/>]; a missing bound is open.</summary>
    /// <remarks>
    /// Every statement restricts its own target table to the range too (not only the sub-query), so each batch reads
    /// one slice of the primary key and the whole run stays linear in the number of contacts.
    /// </remarks>
    private readonly record struct Range(Guid? Lower, Guid? Upper)
    {
        public string Sql(SqlArguments args, string column = "c.id") =>
            (Lower is { } l ? $"{column} > {args.Add(l)}" : "1 = 1") + (Upper is { } u ? $" AND {column} <= {args.Add(u)}" : "");
    }
}
