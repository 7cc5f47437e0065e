using System.Data.Common;
using System.Globalization;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>Reads or sets one SQLite pragma on an open connection.</summary>
internal static class SqlitePragma
{
    /// <summary>Runs <paramref name="sql"/> (<c>PRAGMA name</c> or <c>PRAGMA name=value</c>).</summary>
    /// <returns>The pragma's value as text, or an empty string when it returns none.</returns>
    public static async ValueTask<string> RunAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
    }
}
