using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// Turns on <c>secure_delete</c> on every connection the store's own SQLite context opens, so that a deleted row's bytes
/// are overwritten with zeros in the database file instead of lingering in free space (DSR-5).
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SqliteSecureDeleteInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteGroupCommit.SecureDelete;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await SqlitePragma.RunAsync(connection, SqliteGroupCommit.SecureDelete, cancellationToken);
    }
}
