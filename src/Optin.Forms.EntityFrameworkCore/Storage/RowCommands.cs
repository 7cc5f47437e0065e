using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// Plain ADO.NET commands for the rows a submission, a double opt-in and a job write on the hot path, on the
/// transaction's own connection. Each SQL text gets one command, prepared once and reused for as long as the connection
/// lives: on SQLite, that is the group commit's writer connection, kept open while turns keep coming, so a statement
/// is compiled once instead of once per row as EF Core's <c>SaveChanges</c> does.
/// </summary>
/// <remarks>
/// Parameters are written <c>@p0</c>, <c>@p1</c>… in the SQL and given in order; both providers accept that form.
/// Values are converted to the stored format EF Core uses (<see cref="SqlDialect.Key(Guid)"/>), so rows written here
/// and rows written by EF Core are the same.
/// <para>
/// On SQLite, inside a transaction, a single statement that reads nothing runs on the connection's own SQLite handle:
/// prepared once, its values bound by position, stepped and reset, as Microsoft.Data.Sqlite does but without its
/// per-execution reader, statement enumeration and parameter look-up by name, and with text encoded into a reused
/// buffer (under load, a submission's turn on the writer took about a fifth less CPU: 190 against 240 µs). Values are
/// bound as Microsoft.Data.Sqlite binds them: text as UTF-8 (keys as their upper-case text), whole numbers and booleans
/// as integers, null as NULL; a value of any other type, a busy database, several statements or a statement that
/// returns rows go through Microsoft.Data.Sqlite instead.
/// </para>
/// </remarks>
internal sealed class RowCommands(DbConnection connection, SqlDialect dialect) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Statement?> _statements = new(StringComparer.Ordinal);
    private byte[] _utf8 = []; // grown on first use: readers never use it

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>How many statements ran on the SQLite handle rather than through Microsoft.Data.Sqlite (for tests).</summary>
    internal int HandleSteps { get; private set; }

    /// <summary>
    /// Whether single statements may run on the SQLite handle (see the remarks); off, everything goes through
    /// Microsoft.Data.Sqlite (<see cref="SqliteEngineOptions.HandleSteps"/>, to measure one against the other).
    /// </summary>
    public bool HandleStepsEnabled { get; init; } = true;

    /// <summary>The transaction the commands run in (set when a group or transaction begins).</summary>
    public DbTransaction? Transaction { get; set; }

    public async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        TryStep(sql, values, cancellationToken) ?? await Bind(sql, values).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Runs a statement; a unique or primary-key violation becomes <see cref="InvalidOperationException"/>(<paramref name="duplicate"/>).</summary>
    /// <returns>The number of rows changed.</returns>
    public async ValueTask<int> ExecuteUniqueAsync(string sql, string duplicate, CancellationToken cancellationToken, params object?[] values)
    {
        try
        {
            return TryStep(sql, values, cancellationToken) ?? await Bind(sql, values).ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new InvalidOperationException(duplicate, ex);
        }
    }

    /// <summary>Runs a command of one or more statements and returns its reader (to be disposed before the next command).</summary>
    public async ValueTask<DbDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        await Bind(sql, values).ExecuteReaderAsync(cancellationToken);

    /// <summary>Reads every row of the result with <paramref name="map"/>.</summary>
    public async ValueTask<List<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params object?[] values)
    {
        var rows = new List<T>();
        await using var reader = await ExecuteReaderAsync(sql, cancellationToken, values);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            statement?.Handle.Dispose();
        }

        _statements.Clear();
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }

    /// <summary>A unique or primary-key violation, on either provider (inserts rely on the constraints, not a look-up first).</summary>
    private static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="sql"/> on the SQLite handle (see the remarks), or returns null when it must go through
    /// Microsoft.Data.Sqlite.
    /// </summary>
    /// <returns>The number of rows changed, or null.</returns>
    /// <exception cref="SqliteException">SQLite refused the statement (a constraint, a full disk…).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before it ran.</exception>
    private int? TryStep(string sql, object?[] values, CancellationToken cancellationToken)
    {
        if (Transaction is null || !HandleStepsEnabled || connection is not SqliteConnection { Handle: { } db })
        {
            return null;
        }

        if (!_statements.TryGetValue(sql, out var statement))
        {
            // Null marks a text kept on Microsoft.Data.Sqlite: several statements, or a statement that returns rows.
            var rc = raw.sqlite3_prepare_v2(db, sql, out var prepared, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                prepared.Dispose();
                return null; // Microsoft.Data.Sqlite reports the error as it always did.
            }

            statement = Statement.Of(prepared, tail);
            if (statement is null)
            {
                prepared.Dispose();
            }

            _statements[sql] = statement;
        }

        if (statement is null || statement.Values.Length != values.Length)
        {
            return null;
        }

        // As Microsoft.Data.Sqlite does before it runs a command.
        cancellationToken.ThrowIfCancellationRequested();
        var handle = statement.Handle;

        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var index = i + 1;
                int? rc = values[statement.Values[i]] switch
                {
                    null => raw.sqlite3_bind_null(handle, index),
                    string text => BindText(handle, index, text),
                    Guid guid => BindKey(handle, index, guid),
                    long number => raw.sqlite3_bind_int64(handle, index, number),
                    int number => raw.sqlite3_bind_int64(handle, index, number),
                    bool flag => raw.sqlite3_bind_int64(handle, index, flag ? 1 : 0),
                    _ => null, // another type: Microsoft.Data.Sqlite binds it (the values bound so far are overwritten next time)
                };
                if (rc is not { } bound)
                {
                    return null;
                }

                SqliteException.ThrowExceptionForRC(bound, db);
            }

            // sqlite3_changes keeps the previous statement's count after an INSERT … DO NOTHING that changed nothing, and
            // sqlite3_total_changes also counts the rows a foreign key's ON DELETE CASCADE removed: the first tells
            // whether anything changed, the second how many rows the statement itself changed.
            var before = raw.sqlite3_total_changes(db);
            var step = raw.sqlite3_step(handle);
            if (step is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
            {
                return null; // Microsoft.Data.Sqlite waits for the lock up to the command timeout.
            }

            HandleSteps++;
            SqliteException.ThrowExceptionForRC(step, db);

            return raw.sqlite3_total_changes(db) == before ? 0 : raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(handle);
        }
    }

    /// <summary>Binds <paramref name="text"/> as UTF-8 encoded into a buffer reused from value to value (SQLite copies it).</summary>
    private int BindText(sqlite3_stmt handle, int index, string text)
    {
        if (text.Length == 0)
        {
            return raw.sqlite3_bind_text(handle, index, text); // an empty span would be bound as NULL
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < max)
        {
            _utf8 = new byte[Math.Max(max, Math.Max(4096, _utf8.Length * 2))];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(handle, index, _utf8.AsSpan(0, length));
    }

    /// <summary>Binds a key as the upper-case text of <see cref="SqlDialect.Key(Guid)"/>, written straight as UTF-8.</summary>
    private int BindKey(sqlite3_stmt handle, int index, Guid key)
    {
        Span<byte> text = stackalloc byte[36];
        if (!key.TryFormat(text, out var length, "D") || length != 36)
        {
            throw new UnreachableException();
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= (byte)'a' and <= (byte)'f')
            {
                text[i] -= 'a' - 'A';
            }
        }

        return raw.sqlite3_bind_text(handle, index, text);
    }

    /// <summary>
    /// A prepared statement and, for each of its parameters in SQLite's order (the order of first appearance in the
    /// text), the position of its value: <c>@p3</c> takes <c>values[3]</c> wherever it stands.
    /// </summary>
    private sealed record Statement(sqlite3_stmt Handle, int[] Values)
    {
        /// <summary>The statement, or null when it must stay on Microsoft.Data.Sqlite (several statements, rows returned).</summary>
        public static Statement? Of(sqlite3_stmt handle, string? tail)
        {
            if (!string.IsNullOrWhiteSpace(tail) || raw.sqlite3_column_count(handle) != 0)
            {
                return null;
            }

            var count = raw.sqlite3_bind_parameter_count(handle);
            var positions = new int[count];
            for (var i = 0; i < count; i++)
            {
                var name = raw.sqlite3_bind_parameter_name(handle, i + 1).utf8_to_string();
                if (name is null || !name.StartsWith("@p", StringComparison.Ordinal)
                    || !int.TryParse(name.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out positions[i])
                    || positions[i] >= count)
                {
                    return null;
                }
            }

            return new Statement(handle, positions);
        }
    }

    private DbCommand Bind(string sql, object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                command.Parameters.Add(parameter);
            }

            _commands[sql] = command;
        }

        if (command.Parameters.Count != values.Length)
        {
            throw new InvalidOperationException($"The statement takes {command.Parameters.Count} values, not {values.Length}.");
        }

        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid guid => Dialect.Key(guid),
                var value => value,
            };
        }

        return command;
    }
}
