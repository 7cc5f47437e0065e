using System.Data.Common;

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
    private readonly IRowStatementRunner? _runner = dialect.CreateRunner(connection);

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>How many statements ran on the SQLite handle rather than through Microsoft.Data.Sqlite (for tests).</summary>
    internal int HandleSteps => _runner?.Steps ?? 0;

    /// <summary>
    /// Whether single statements may run on the provider's fast path (SQLite's handle, see the remarks); off, everything
    /// goes through the ADO.NET provider (SQLite's engine options, to measure one against the other).
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
        _runner?.Dispose();
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }

    /// <summary>A unique or primary-key violation, on either provider (inserts rely on the constraints, not a look-up first).</summary>
    private bool IsUniqueViolation(Exception? exception) => Dialect.IsUniqueViolation(exception);

    /// <summary>Runs <paramref name="sql"/> on the provider's fast path (see the remarks) inside a transaction, or returns null.</summary>
    private int? TryStep(string sql, object?[] values, CancellationToken cancellationToken) =>
        Transaction is null || !HandleStepsEnabled ? null : _runner?.TryExecute(sql, values, cancellationToken);


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
