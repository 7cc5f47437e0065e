using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>Plain SQL on a test store's database, on a connection of its own: what someone with database access could do.</summary>
internal static class RawSql
{
    /// <summary>Runs <paramref name="sql"/> with <c>@p0</c>… bound to <paramref name="values"/> (ids in the stored format).</summary>
    public static async Task<int> ExecuteAsync(StoreHost host, string sql, params object[] values)
    {
        await using DbConnection connection = host.IsPostgres ? new NpgsqlConnection(host.ConnectionString) : new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = values[i] is Guid id && !host.IsPostgres ? id.ToString().ToUpperInvariant() : values[i];
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
