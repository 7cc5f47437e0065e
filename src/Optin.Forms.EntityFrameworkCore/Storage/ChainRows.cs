using Optin.Forms.Consent;
using C = Optin.Forms.EntityFrameworkCore.OptinColumns;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The chain heads (LEDG-1). An append first locks its contact's head with an upsert that changes nothing but takes
/// the row lock and returns the head as committed: on PostgreSQL, a second transaction appending to the same contact
/// waits there until the first commits, then reads the moved head, so the chain cannot fork. SQLite has one writer, whose
/// turn already serialises appends: there the head is only read, and written once by the move (one write per append, not
/// two: the write turn is the SQLite store's bottleneck).
/// </summary>
internal static class ChainRows
{
    private const string LockHead = $"INSERT INTO {M.ChainHeads} ({C.ContactId}, {C.HeadHash}, {C.Length}) VALUES (@p0, @p1, 0) "
        + $"ON CONFLICT ({C.ContactId}) DO UPDATE SET {C.Length} = {M.ChainHeads}.{C.Length} RETURNING {C.HeadHash}, {C.Length}";

    private const string ReadHead = $"SELECT {C.HeadHash}, {C.Length} FROM {M.ChainHeads} WHERE {C.ContactId} = @p0";

    private const string MoveHead = $"INSERT INTO {M.ChainHeads} ({C.ContactId}, {C.HeadHash}, {C.Length}) VALUES (@p2, @p0, @p1) "
        + $"ON CONFLICT ({C.ContactId}) DO UPDATE SET {C.HeadHash} = excluded.{C.HeadHash}, {C.Length} = excluded.{C.Length}";

    private const string DeleteHead = $"DELETE FROM {M.ChainHeads} WHERE {C.ContactId} = @p0";

    /// <summary>Locks the contact's head (creating it at the genesis) and returns it.</summary>
    public static async ValueTask<ChainHead> LockAsync(RowCommands rows, Guid contactId, CancellationToken cancellationToken)
    {
        if (!rows.Dialect.IsPostgreSql)
        {
            var read = await rows.ReadAsync(ReadHead, r => new ChainHead(contactId, r.GetString(0), r.GetInt64(1)), cancellationToken, contactId);
            return read.Count > 0 ? read[0] : new ChainHead(contactId, LedgerChain.Genesis, 0);
        }

        var heads = await rows.ReadAsync(LockHead, r => new ChainHead(contactId, r.GetString(0), r.GetInt64(1)), cancellationToken,
            contactId, LedgerChain.Genesis);
        return heads[0];
    }

    public static async ValueTask MoveAsync(RowCommands rows, ChainHead head, CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(MoveHead, cancellationToken, head.Hash, head.Length, head.ContactId);

    public static async ValueTask DeleteAsync(RowCommands rows, Guid contactId, CancellationToken cancellationToken) =>
        await rows.ExecuteAsync(DeleteHead, cancellationToken, contactId);
}
