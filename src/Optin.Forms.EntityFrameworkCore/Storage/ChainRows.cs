using Optin.Forms.Consent;
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
    private const string LockHead = $"INSERT INTO {M.ChainHeads} (contact_id, head_hash, length) VALUES (@p0, @p1, 0) "
        + $"ON CONFLICT (contact_id) DO UPDATE SET length = {M.ChainHeads}.length RETURNING head_hash, length";

    private const string ReadHead = $"SELECT head_hash, length FROM {M.ChainHeads} WHERE contact_id = @p0";

    private const string MoveHead = $"INSERT INTO {M.ChainHeads} (contact_id, head_hash, length) VALUES (@p2, @p0, @p1) "
        + "ON CONFLICT (contact_id) DO UPDATE SET head_hash = excluded.head_hash, length = excluded.length";

    private const string DeleteHead = $"DELETE FROM {M.ChainHeads} WHERE contact_id = @p0";

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
