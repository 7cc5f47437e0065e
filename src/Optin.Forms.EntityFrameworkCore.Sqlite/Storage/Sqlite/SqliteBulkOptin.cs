using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>The SQLite path of <see cref="BulkOptinWriter"/>: each batch goes through a temporary batch table.</summary>
internal static class SqliteBulkOptin
{
    /// <summary>Creates the batch table (in the bulk change's transaction).</summary>
    public static async ValueTask BeginAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(BulkOptinStatements.CreateBatchTable, cancellationToken);

    /// <summary>Drops the batch table: in the transaction; a rollback drops it too.</summary>
    public static async ValueTask EndAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(BulkOptinStatements.DropBatchTable, cancellationToken);

    /// <summary>
    /// SQLite selects the batch's changing contacts into a temporary table; their new entries' ids, hashes and chain
    /// lengths are computed in .NET and put into that table through a function of the writer's connection (LEDG-1),
    /// then the statements read it.
    /// </summary>
    public static async ValueTask<BulkOptinWriter.Batch> BatchAsync(DbContext db, BulkOptinStatements statements, BulkOptinChange change,
        IdRange range, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(BulkOptinStatements.ClearBatchTable, cancellationToken);
        var args = new SqlArguments();
        var count = await db.Database.ExecuteSqlRawAsync(statements.SqliteSelect(range, args), args.Values, cancellationToken);
        if (count == 0)
        {
            return new BulkOptinWriter.Batch(0, null);
        }

        var heads = await db.Database.SqlQueryRaw<BulkOptinWriter.HeadRow>(BulkOptinStatements.SelectHeads).ToListAsync(cancellationToken);
        var chained = heads.Select(h => BulkOptinWriter.Chain(change, h)).ToDictionary(r => r.Id);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.CreateFunction<string, long, string?>("optin_bulk_chain", (id, what) =>
        {
            var row = chained[Guid.Parse(id)];
            return what switch
            {
                0 => row.EventId.ToString().ToUpperInvariant(),
                1 => row.Hash,
                2 => row.PreviousHash,
                _ => row.Length.ToString(CultureInfo.InvariantCulture),
            };
        });
        try
        {
            await db.Database.ExecuteSqlRawAsync(BulkOptinStatements.FillChain, cancellationToken);
        }
        finally
        {
            chained.Clear(); // the function stays on the connection: it must not keep the batch alive
        }

        foreach (var write in statements.SqliteWrites())
        {
            args = new SqlArguments();
            await db.Database.ExecuteSqlRawAsync(write(args), args.Values, cancellationToken);
        }

        return new BulkOptinWriter.Batch(count, change.OnChanged is null ? null : heads.ConvertAll(h => new BulkOptinChanged(h.Id, (OptinState)h.Previous)));
    }
}
