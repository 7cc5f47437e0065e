using Microsoft.EntityFrameworkCore;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// A bulk opt-in change as set-based statements, in batches of contact id ranges: the changing contacts of a batch are
/// selected once, then the ledger rows are written by <c>INSERT … SELECT</c>, the opt-in rows by <c>UPDATE</c> and
/// <c>INSERT … SELECT</c>, and (for a withdrawal) the pending jobs are cancelled by <c>UPDATE</c>. Nothing is loaded
/// into memory but, when the caller asks for them, one batch's changed ids.
/// </summary>
/// <remarks>
/// The contacts table is not written: a contact's last change is read as the latest of its own <c>updated_at</c> and
/// its opt-ins' <c>changed_at</c> (<see cref="EntityMapper.ToContact"/>), which saves rewriting every contact row.
/// </remarks>
internal static class BulkOptinWriter
{
    public const int DefaultBatchSize = 50_000;

    private const string EventColumns = $"{C.Id}, {C.ContactId}, {C.Kind}, {C.State}, {C.Method}, {C.OccurredAt}, {C.PurposeId}, "
        + $"{C.PurposeVersion}, {C.FormId}, {C.FormVersion}, {C.SubmissionId}, {C.ConsentText}, {C.ConsentTextSha256}, {C.PurposeText}, "
        + $"{C.PurposeTextSha256}, {C.PrivacyNotice}, {C.Controller}, {C.Culture}, {C.SourceUrl}, {C.IpAddress}, {C.UserAgent}, {C.Actor}, "
        + $"{C.Reason}, {C.LegalBasis}, {C.TemplateId}, {C.TemplateSha256}, {C.MessageId}, {C.Hash}, {C.PreviousHash}";

    public static async ValueTask<long> ApplyAsync(DbContext db, OptinStorageProvider provider, ContactQuery query, BulkOptinChange change,
        int batchSize, CancellationToken cancellationToken)
    {
        var statements = new BulkOptinStatements(provider.Dialect, query, change, EventColumns);
        await provider.BeginBulkAsync(db, cancellationToken);

        long changed = 0;
        Guid? lower = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var upper = await UpperBoundAsync(db, lower, batchSize, cancellationToken);
            var range = new IdRange(lower, upper);
            var batch = await provider.BulkBatchAsync(db, statements, change, range, cancellationToken);
            changed += batch.Count;
            if (batch.Count > 0 && change.OnChanged is { } onChanged)
            {
                await onChanged(batch.Ids!, cancellationToken);
            }

            if (upper is null)
            {
                break;
            }

            lower = upper;
        }

        await provider.EndBulkAsync(db, cancellationToken);

        return changed;
    }

    /// <summary>The id ending the batch that starts after <paramref name="lower"/>, or null when it is the last batch.</summary>
    private static async ValueTask<Guid?> UpperBoundAsync(DbContext db, Guid? lower, int batchSize, CancellationToken cancellationToken)
    {
        var args = new SqlArguments();
        var where = lower is { } l ? $"WHERE c.{C.Id} > {args.Add(l)}" : "";
        var sql = $"SELECT c.{C.Id} AS \"Value\" FROM {M.Contacts} c {where} ORDER BY c.{C.Id} LIMIT 1 OFFSET {args.Add(batchSize - 1)}";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, args.Values).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>
    /// PostgreSQL runs a batch as two statements: the first selects the changing contacts and locks their chain heads,
    /// the second writes everything from the rows passed back as arrays, with the hashes computed in between (LEDG-1).
    /// </summary>
    internal static async ValueTask<Batch> PostgreSqlBatchAsync(DbContext db, BulkOptinStatements statements, BulkOptinChange change,
        IdRange range, CancellationToken cancellationToken)
    {
        var args = new SqlArguments();
        var heads = await db.Database.SqlQueryRaw<HeadRow>(statements.PostgreSqlSelect(range, args), args.Values).ToListAsync(cancellationToken);
        if (heads.Count == 0)
        {
            return new Batch(0, null);
        }

        var rows = heads.ConvertAll(h => Chain(change, h));
        args = new SqlArguments();
        await db.Database.SqlQueryRaw<long>(statements.PostgreSqlWrite(rows, args), args.Values).ToListAsync(cancellationToken);
        return new Batch(rows.Count, change.OnChanged is null ? null : heads.ConvertAll(h => new BulkOptinChanged(h.Id, (OptinState)h.Previous)));
    }

    /// <summary>The contact's new ledger entry, linked to its head.</summary>
    internal static ChainedRow Chain(BulkOptinChange change, HeadRow head)
    {
        var eventId = Guid.CreateVersion7();
        var linked = LedgerChain.Link(change.EventTemplate with { Id = eventId, ContactId = head.Id }, head.HeadHash);
        return new ChainedRow(head.Id, head.Missing, eventId, linked.Hash!, head.HeadHash, head.Length + 1);
    }

    /// <summary>A batch's outcome: how many contacts changed and, when a listener wants them, which.</summary>
    internal readonly record struct Batch(long Count, List<BulkOptinChanged>? Ids);

    /// <summary>A changing contact with its chain head, as read from the batch.</summary>
    internal sealed class HeadRow
    {
        public Guid Id { get; set; }

        public int Previous { get; set; }

        public bool Missing { get; set; }

        public string HeadHash { get; set; } = "";

        public long Length { get; set; }
    }
}
