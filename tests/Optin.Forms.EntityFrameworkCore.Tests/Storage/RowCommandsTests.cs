using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// The hot path's prepared statements on SQLite: inside a transaction, a single statement that returns no rows runs on
/// the connection's SQLite handle; it must write, count and fail exactly as the same statement through
/// Microsoft.Data.Sqlite does, so that rows written either way (and by EF Core) are the same.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit closes the connection through IAsyncLifetime.DisposeAsync.")]
public sealed class RowCommandsTests : IAsyncLifetime
{
    private const string Insert = "INSERT INTO t (row, id, word, empty, absent, small, big, flag) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)";

    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"optin-rows-{Guid.NewGuid():N}.db");
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await _connection.OpenAsync(None);
        await RunAsync("PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; "
            + "CREATE TABLE t (row TEXT PRIMARY KEY, id TEXT, word TEXT, empty TEXT, absent TEXT, small INTEGER, big INTEGER, flag INTEGER); "
            + "CREATE TABLE parent (id INTEGER PRIMARY KEY); "
            + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)");
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Execute_InATransaction_BindsEveryValueAsMicrosoftDataSqliteDoes()
    {
        var key = Guid.Parse("01a22751-3ab0-7fd4-b639-b37b1bf12d00");
        object?[] Values(string row) => [row, key, "Zoë ñ 🎉 \u00e9t\u00e9", "", null, 42, 1L << 40, true];

        // Outside a transaction, Microsoft.Data.Sqlite runs the statement.
        await using (var plain = new RowCommands(_connection, SqliteDialect.Instance))
        {
            Assert.Equal(1, await plain.ExecuteAsync(Insert, None, Values("plain")));
            Assert.Equal(0, plain.HandleSteps);
        }

        await using var rows = await InTransactionAsync();
        Assert.Equal(1, await rows.ExecuteAsync(Insert, None, Values("handle")));
        Assert.Equal(1, rows.HandleSteps);
        await rows.Transaction!.CommitAsync(None);

        var plainRow = await ReadRowAsync("plain");
        var handleRow = await ReadRowAsync("handle");
        Assert.Equal(plainRow, handleRow);
        Assert.Equal(
            ["text:01A22751-3AB0-7FD4-B639-B37B1BF12D00", "text:Zoë ñ 🎉 été", "text:", "null:", "integer:42", "integer:1099511627776", "integer:1"],
            handleRow);
    }

    [Fact]
    public async Task Execute_NothingChanged_ReturnsZeroEvenAfterAStatementThatChangedRows()
    {
        await using var rows = await InTransactionAsync();
        Assert.Equal(1, await rows.ExecuteAsync(Insert, None, "a", Guid.NewGuid(), "w", "", null, 1, 2L, false));

        const string InsertOrNothing = "INSERT INTO t (row) VALUES (@p0) ON CONFLICT (row) DO NOTHING";
        Assert.Equal(0, await rows.ExecuteAsync(InsertOrNothing, None, "a"));
        Assert.Equal(1, await rows.ExecuteAsync(InsertOrNothing, None, "b"));
        Assert.Equal(0, await rows.ExecuteAsync("UPDATE t SET word = @p1 WHERE row = @p0", None, "missing", "x"));
        Assert.Equal(2, await rows.ExecuteAsync("UPDATE t SET word = @p0", None, "x"));
        Assert.Equal(5, rows.HandleSteps);
    }

    [Fact]
    public async Task Execute_DeleteCascadesToChildRows_CountsOnlyTheStatementsOwnRows()
    {
        await using var rows = await InTransactionAsync();
        await rows.ExecuteAsync("INSERT INTO parent (id) VALUES (@p0)", None, 1);
        for (var i = 0; i < 3; i++)
        {
            await rows.ExecuteAsync("INSERT INTO child (id, parent_id) VALUES (@p0, @p1)", None, i, 1);
        }

        Assert.Equal(1, await rows.ExecuteAsync("DELETE FROM parent WHERE id = @p0", None, 1));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM child", rows.Transaction));
    }

    [Fact]
    public async Task ExecuteUnique_Duplicate_IsRefusedAloneAndTheTransactionGoesOn()
    {
        await using var rows = await InTransactionAsync();
        const string InsertRow = "INSERT INTO t (row, word) VALUES (@p0, @p1)";
        await rows.ExecuteUniqueAsync(InsertRow, "duplicate", None, "a", "first");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await rows.ExecuteUniqueAsync(InsertRow, "duplicate", None, "a", "second"));
        Assert.Equal("duplicate", refused.Message);
        Assert.Equal(1555, Assert.IsType<SqliteException>(refused.InnerException).SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_PRIMARYKEY

        // The statement is reset after the failure and runs again; the first row is untouched.
        await rows.ExecuteUniqueAsync(InsertRow, "duplicate", None, "b", "third");
        await rows.Transaction!.CommitAsync(None);
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM t", null));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM t WHERE row = 'a' AND word = 'first'", null));
        Assert.Equal(3, rows.HandleSteps);
    }

    [Fact]
    public async Task Execute_StatementsTheHandleDoesNotRun_GoThroughMicrosoftDataSqlite()
    {
        await using var rows = await InTransactionAsync();

        // Rows returned, several statements, a value of another type: all still run, none on the handle.
        Assert.Equal(1, await rows.ExecuteAsync("INSERT INTO t (row) VALUES (@p0) RETURNING row", None, "returning"));
        await rows.ExecuteAsync("INSERT INTO t (row) VALUES (@p0); INSERT INTO t (row) VALUES (@p1)", None, "one", "two");
        await rows.ExecuteAsync("INSERT INTO t (row, big) VALUES (@p0, @p1)", None, "real", 2.5);
        Assert.Equal(0, rows.HandleSteps);
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM t", rows.Transaction));
    }

    [Fact]
    public async Task Execute_TextsLongerThanTheLastOnes_AreBoundWhole()
    {
        await using var rows = await InTransactionAsync();
        var texts = new[] { "court", new string('é', 5_000) + "🎉", "x", new string('a', 20_000) };
        for (var i = 0; i < texts.Length; i++)
        {
            await rows.ExecuteAsync("INSERT INTO t (row, word) VALUES (@p0, @p1)", None, $"r{i}", texts[i]);
        }

        Assert.Equal(texts.Length, rows.HandleSteps);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], await ScalarAsync<string>($"SELECT word FROM t WHERE row = 'r{i}'", rows.Transaction));
        }
    }

    [Fact]
    public async Task Execute_Cancelled_RunsNothing()
    {
        await using var rows = await InTransactionAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await rows.ExecuteAsync("INSERT INTO t (row) VALUES (@p0)", cancelled.Token, "cancelled"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM t", rows.Transaction));
    }

    private async Task<RowCommands> InTransactionAsync()
    {
        var transaction = await _connection.BeginTransactionAsync(None);
        return new RowCommands(_connection, SqliteDialect.Instance) { Transaction = transaction };
    }

    private async Task<string[]> ReadRowAsync(string row)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT typeof(id), id, typeof(word), word, typeof(empty), empty, typeof(absent), absent, "
            + "typeof(small), small, typeof(big), big, typeof(flag), flag FROM t WHERE row = $row";
        command.Parameters.AddWithValue("$row", row);
        await using var reader = await command.ExecuteReaderAsync(None);
        Assert.True(await reader.ReadAsync(None));
        return Enumerable.Range(0, 7).Select(i => $"{reader.GetString(2 * i)}:{(reader.IsDBNull((2 * i) + 1) ? "" : reader.GetValue((2 * i) + 1))}").ToArray();
    }

    private async Task<T> ScalarAsync<T>(string sql, System.Data.Common.DbTransaction? transaction)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)transaction;
        return (T)(await command.ExecuteScalarAsync(None))!;
    }

    private async Task RunAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(None);
    }
}
