using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// The group commits of the SQLite databases this host writes to, one per connection string: a singleton of the host's
/// service provider (registered by <c>UseEntityFrameworkCore</c>), disposed with it. Two hosts in one process have two
/// registries and so two writers, even on one file: they then take turns through SQLite's own lock
/// (<c>BEGIN IMMEDIATE</c> and the busy timeout), as two processes do.
/// </summary>
internal sealed class SqliteWriters(TimeProvider time, SqliteEngineOptions options) : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, SqliteGroupCommit> _databases = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>A registry on the system clock with the default options (for tests and tools that build a store by hand).</summary>
    public SqliteWriters()
        : this(TimeProvider.System, SqliteEngineOptions.FromEnvironment())
    {
    }

    /// <summary>The group commit of the context's database (one per connection string in this host).</summary>
    /// <exception cref="ObjectDisposedException">The host is being disposed.</exception>
    public SqliteGroupCommit For(DbContext context)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return _databases.GetOrAdd(context.Database.GetConnectionString() ?? "",
            static (connectionString, state) => new SqliteGroupCommit(connectionString, state.time, state.options), (time, options));
    }

    /// <summary>Closes every writer once its last group is committed (WAL synced), and every idle reader.</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
    }

    /// <summary>For a container disposed synchronously: waits for <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
