using Microsoft.Data.Sqlite;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <content>Reads outside the write lock, on plain reader connections kept open while reads keep coming.</content>
internal sealed partial class SqliteGroupCommit
{
    /// <summary>How many reader connections are open and idle (for tests).</summary>
    internal int IdleReaders => Volatile.Read(ref _idleReaders);

    /// <summary>
    /// Runs a read outside the write lock, on a plain connection of its own with its statements prepared once (no
    /// context to create, no EF Core functions to register), kept open for the next reads until a second passes without one.
    /// </summary>
    public async ValueTask<T> ReadAsync<T>(Func<RowCommands, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastRead, _time.GetTimestamp());
        if (_readers.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaders);
        }
        else
        {
            reader = await Reader.OpenAsync(_connectionString, _options, cancellationToken);
        }

        T result;
        try
        {
            result = await read(reader.Rows, cancellationToken);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }

        // Counted here rather than with the bag's Count, which takes every lock of the bag on each read.
        if (_disposed)
        {
            await reader.DisposeAsync(); // the host is going: nobody would close it
        }
        else if (Interlocked.Increment(ref _idleReaders) <= MaxIdleReaders)
        {
            _readers.Add(reader);
            if (Interlocked.CompareExchange(ref _readerSweep, 1, 0) == 0)
            {
                _ = CloseReadersWhenIdleAsync();
            }
        }
        else
        {
            Interlocked.Decrement(ref _idleReaders);
            await reader.DisposeAsync();
        }

        return result;
    }

    /// <summary>Closes the idle readers once a whole <see cref="IdleTimeout"/> passed without a read.</summary>
    private async Task CloseReadersWhenIdleAsync()
    {
        var wait = IdleTimeout;
        while (true)
        {
            if (!await IdleAsync(wait))
            {
                return; // disposed: the readers are closed there
            }

            var idle = _time.GetElapsedTime(Volatile.Read(ref _lastRead));
            if (idle < IdleTimeout)
            {
                wait = IdleTimeout - idle;
                continue;
            }

            // Cleared first: a reader given back from now on starts a sweep of its own, so none is left open.
            Volatile.Write(ref _readerSweep, 0);
            while (_readers.TryTake(out var reader))
            {
                Interlocked.Decrement(ref _idleReaders);
                await reader.DisposeAsync();
            }

            return;
        }
    }

    private async ValueTask CloseIdleReadersAsync()
    {
        while (_readers.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaders);
            await reader.DisposeAsync();
        }
    }

    /// <summary>A plain connection for reads outside the write lock, and the statements prepared on it.</summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;

        private Reader(SqliteConnection connection, SqliteEngineOptions options)
        {
            _connection = connection;
            Rows = new RowCommands(connection, SqliteDialect.Instance) { HandleStepsEnabled = options.HandleSteps };
        }

        public RowCommands Rows { get; }

        public static async ValueTask<Reader> OpenAsync(string connectionString, SqliteEngineOptions options, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await SqlitePragma.RunAsync(connection, SecureDelete, cancellationToken);
                return new Reader(connection, options);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Rows.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
