using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>The SQL of one batch of a bulk opt-in change (see <see cref="BulkOptinWriter"/>).</summary>
/// <remarks>
/// The changing contacts are those in the batch's id range, matching the query, not in the new state (no opt-in row
/// counts as <c>None</c>) and, when it matters, not objecting (WD-6). They are read once, with their previous state
/// and whether they have an opt-in row for the purpose yet.
/// </remarks>
internal sealed class BulkOptinStatements(SqlDialect dialect, ContactQuery query, BulkOptinChange change, string eventColumns)
{
    private const string BatchTable = "temp.optin_bulk_batch";

    public const string CreateBatchTable = "CREATE TEMP TABLE IF NOT EXISTS optin_bulk_batch "
        + "(id TEXT NOT NULL PRIMARY KEY, previous INTEGER NOT NULL, missing INTEGER NOT NULL, "
        + "event_id TEXT, hash TEXT, previous_hash TEXT, length INTEGER) WITHOUT ROWID";

    /// <summary>The batch's contacts with their chain heads (LEDG-1), to compute the new entries' hashes.</summary>
    public static readonly string SelectHeads = $"SELECT b.id AS \"Id\", b.previous AS \"Previous\", b.missing AS \"Missing\", "
        + $"COALESCE(h.{C.HeadHash}, '{LedgerChain.Genesis}') AS \"HeadHash\", COALESCE(h.{C.Length}, 0) AS \"Length\" "
        + $"FROM {BatchTable} b LEFT JOIN {M.ChainHeads} h ON h.{C.ContactId} = b.id";

    /// <summary>Puts each contact's new entry id, hash, previous hash and chain length into the batch table (from <c>optin_bulk_chain</c>).</summary>
    public const string FillChain = $"UPDATE {BatchTable} SET event_id = optin_bulk_chain(id, 0), hash = optin_bulk_chain(id, 1), "
        + "previous_hash = optin_bulk_chain(id, 2), length = CAST(optin_bulk_chain(id, 3) AS INTEGER)";

    public const string ClearBatchTable = $"DELETE FROM {BatchTable}";

    public const string DropBatchTable = $"DROP TABLE IF EXISTS {BatchTable}";

    /// <summary>The columns of an opt-in row, in the order the inserts give them.</summary>
    private const string OptinColumns = $"{C.ContactId}, {C.PurposeKey}, {C.PurposeId}, {C.State}, {C.ChangedAt}";

    private readonly string _key = ContactQuerySql.PurposeKey(change.PurposeId);

    /// <summary>
    /// The first statement of a batch: the changing set, each with its chain head locked (LEDG-1; created at the genesis
    /// when new), returned so that the ledger entries' hashes are computed in .NET.
    /// </summary>
    public string PostgreSqlSelect(IdRange range, SqlArguments args) =>
        $"WITH changed AS MATERIALIZED ({Changing(range, args, args.Add(_key), args.Add((int)change.State))}), "
        + $"h AS (INSERT INTO {M.ChainHeads} ({C.ContactId}, {C.HeadHash}, {C.Length}) SELECT id, {args.Add(LedgerChain.Genesis)}, 0 FROM changed "
        + $"ON CONFLICT ({C.ContactId}) DO UPDATE SET {C.Length} = {M.ChainHeads}.{C.Length} RETURNING {C.ContactId}, {C.HeadHash}, {C.Length}) "
        + $"SELECT c.id AS \"Id\", c.previous AS \"Previous\", c.missing AS \"Missing\", h.{C.HeadHash} AS \"HeadHash\", h.{C.Length} AS \"Length\" "
        + $"FROM changed c JOIN h ON h.{C.ContactId} = c.id";

    /// <summary>
    /// The second statement: every write a data-modifying CTE reading the changed set, passed back as arrays with each
    /// contact's new ledger entry id, hash, previous hash and chain length.
    /// </summary>
    public string PostgreSqlWrite(IReadOnlyList<ChainedRow> rows, SqlArguments args)
    {
        var key = args.Add(_key);
        var state = args.Add((int)change.State);
        var at = args.Add(change.EventTemplate.OccurredAt.ToUnixTimeMilliseconds());
        var sql = $"WITH changed AS (SELECT * FROM unnest({args.Add(rows.Select(r => r.Id).ToArray())}::uuid[], "
            + $"{args.Add(rows.Select(r => r.Missing).ToArray())}::boolean[], {args.Add(rows.Select(r => r.EventId).ToArray())}::uuid[], "
            + $"{args.Add(rows.Select(r => r.Hash).ToArray())}::text[], {args.Add(rows.Select(r => r.PreviousHash).ToArray())}::text[], "
            + $"{args.Add(rows.Select(r => r.Length).ToArray())}::bigint[]) AS c(id, missing, event_id, hash, previous_hash, length)), "
            + $"ev AS (INSERT INTO {M.ConsentEvents} ({eventColumns}) SELECT {EventValues(args)} FROM changed c), "
            + $"hd AS (UPDATE {M.ChainHeads} h SET {C.HeadHash} = c.hash, {C.Length} = c.length FROM changed c WHERE h.{C.ContactId} = c.id), "
            + $"uo AS (UPDATE {M.ContactOptins} o SET {C.State} = {state}, {C.ChangedAt} = {at} FROM changed c "
            + $"WHERE NOT c.missing AND o.{C.ContactId} = c.id AND o.{C.PurposeKey} = {key})";
        if (change.State != OptinState.None)
        {
            sql += $", io AS (INSERT INTO {M.ContactOptins} ({OptinColumns}) "
                + $"SELECT c.id, {key}, {args.Add(change.PurposeId)}, {state}, {at} FROM changed c WHERE c.missing)";
        }

        if (change.CancelJobsReason is { } reason)
        {
            sql += $", cj AS (UPDATE {M.Jobs} j SET {C.Status} = {args.Add((int)JobStatus.Cancelled)}, {C.LastError} = {args.Add(reason)}, "
                + $"{C.FinishedAt} = {at} FROM changed c WHERE j.{C.ContactId} = c.id AND j.{C.Status} = {args.Add((int)JobStatus.Pending)} "
                + $"AND j.{C.PurposeKey} = {key})";
        }

        return sql + " SELECT COUNT(*) AS \"Value\" FROM changed";
    }

    /// <summary>Fills the batch table with the batch's changing contacts.</summary>
    public string SqliteSelect(IdRange range, SqlArguments args) =>
        $"INSERT INTO {BatchTable} (id, previous, missing) {Changing(range, args, args.Add(_key), args.Add((int)change.State))}";

    /// <summary>The writes of a batch, each reading the batch table.</summary>
    public IEnumerable<Func<SqlArguments, string>> SqliteWrites()
    {
        yield return args => $"INSERT INTO {M.ConsentEvents} ({eventColumns}) SELECT {EventValues(args)} FROM {BatchTable} c ORDER BY c.id";
        yield return _ => $"INSERT INTO {M.ChainHeads} ({C.ContactId}, {C.HeadHash}, {C.Length}) SELECT id, hash, length FROM {BatchTable} WHERE true "
            + $"ON CONFLICT ({C.ContactId}) DO UPDATE SET {C.HeadHash} = excluded.{C.HeadHash}, {C.Length} = excluded.{C.Length}";
        yield return args => $"UPDATE {M.ContactOptins} SET {C.State} = {args.Add((int)change.State)}, "
            + $"{C.ChangedAt} = {args.Add(change.EventTemplate.OccurredAt.ToUnixTimeMilliseconds())} "
            + $"WHERE {C.PurposeKey} = {args.Add(_key)} AND {C.ContactId} IN (SELECT id FROM {BatchTable} WHERE missing = 0)";
        if (change.State != OptinState.None)
        {
            yield return args => $"INSERT INTO {M.ContactOptins} ({OptinColumns}) "
                + $"SELECT id, {args.Add(_key)}, {args.Add(change.PurposeId)}, {args.Add((int)change.State)}, "
                + $"{args.Add(change.EventTemplate.OccurredAt.ToUnixTimeMilliseconds())} FROM {BatchTable} WHERE missing = 1";
        }

        if (change.CancelJobsReason is { } reason)
        {
            yield return args => $"UPDATE {M.Jobs} SET {C.Status} = {args.Add((int)JobStatus.Cancelled)}, {C.LastError} = {args.Add(reason)}, "
                + $"{C.FinishedAt} = {args.Add(change.EventTemplate.OccurredAt.ToUnixTimeMilliseconds())} "
                + $"WHERE {C.Status} = {args.Add((int)JobStatus.Pending)} AND {C.PurposeKey} = {args.Add(_key)} "
                + $"AND {C.ContactId} IN (SELECT id FROM {BatchTable})";
        }
    }

    private string Changing(IdRange range, SqlArguments args, string key, string state) =>
        $"SELECT c.{C.Id}, COALESCE(o.{C.State}, 0) AS previous, o.{C.ContactId} IS NULL AS missing FROM {M.Contacts} c "
        + $"LEFT JOIN {M.ContactOptins} o ON o.{C.ContactId} = c.{C.Id} AND {range.Sql(args, $"o.{C.ContactId}")} AND o.{C.PurposeKey} = {key} "
        + $"WHERE {range.Sql(args)} AND {ContactQuerySql.Where(query, args, range)} AND COALESCE(o.{C.State}, 0) <> {state}"
        + (change.SkipObjected ? $" AND c.{C.ObjectedToMarketing} = {args.Add(false)}" : "")
        + (change.SkipWithdrawn ? $" AND COALESCE(o.{C.State}, 0) <> {args.Add((int)OptinState.Withdrawn)}" : "");

    /// <summary>The select list of one ledger entry per changed contact <c>c</c>, with its id and chain fields from <c>c</c>.</summary>
    private string EventValues(SqlArguments args)
    {
        var e = change.EventTemplate;
        string Text(string? value) => value is null ? dialect.TypedNull("text") : args.Add(value);
        return string.Join(", ",
            "c.event_id", "c.id", args.Add((int)e.Kind), args.Add((int)e.State), args.Add((int)e.Method),
            args.Add(e.OccurredAt.ToUnixTimeMilliseconds()), args.Add(e.PurposeId), Text(e.PurposeVersion), Text(e.FormId),
            Text(e.FormVersion), e.SubmissionId is { } submissionId ? args.Add(submissionId) : dialect.TypedNull("uuid"),
            Text(e.ConsentText), Text(e.ConsentTextSha256), Text(e.PurposeText), Text(e.PurposeTextSha256), Text(e.PrivacyNotice),
            Text(e.Controller), Text(e.Culture), Text(e.SourceUrl), Text(e.IpAddress), Text(e.UserAgent), Text(e.Actor),
            Text(e.Reason), Text(e.LegalBasis), Text(e.TemplateId), Text(e.TemplateSha256), Text(e.MessageId), "c.hash", "c.previous_hash");
    }
}

/// <summary>A changed contact's new ledger entry in a bulk batch: its id, hash, previous hash and the chain's new length (LEDG-1).</summary>
internal sealed record ChainedRow(Guid Id, bool Missing, Guid EventId, string Hash, string PreviousHash, long Length);
