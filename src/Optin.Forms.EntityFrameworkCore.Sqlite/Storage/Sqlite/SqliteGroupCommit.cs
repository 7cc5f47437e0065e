using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite database in this process. SQLite has a single writer and a commit costs an fsync, so
/// write transactions take turns on one connection inside one database transaction (<c>BEGIN IMMEDIATE</c>): each turn
/// runs inside its own savepoint, released on commit or rolled back alone on failure, and the transaction is committed
/// once the turns queued behind it have run, one fsync for them all.
/// </summary>
/// <remarks>
/// Invariants: a turn's writes are committed together or not at all (its savepoint); a committed turn's caller resumes
/// only once the group's COMMIT returned and its WAL frames are synced, so a power cut loses nothing acknowledged (with
/// SQLite's default <c>synchronous=FULL</c> in WAL mode, the writer commits with NORMAL and syncs the WAL itself after
/// the write lock is passed on: <see cref="SqliteWalFlush"/>); if the group fails (COMMIT fails, or SQLite rolled the
/// whole transaction back), every turn committed in it fails too. The COMMIT waits in the same FIFO queue as the turns,
/// so a group holds exactly the turns that were waiting when its first turn finished. Other processes are kept out
/// by <c>BEGIN IMMEDIATE</c> and SQLite's busy timeout. The writer's connection stays open from group to group while
/// turns keep coming, so its prepared statements (<see cref="RowCommands"/>) are compiled once; it is closed after a
/// second without writes, and thrown away when a group fails.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "Lives as long as the process; the semaphore's wait handle is never created.")]
internal sealed partial class SqliteGroupCommit
{
    /// <summary>How long the writer's connection stays open after the last group, for the next write to reuse.</summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    private const string CreateSavepoint = "SAVEPOINT optin_turn";
    private const string ReleaseSavepoint = "RELEASE SAVEPOINT optin_turn";
    private const string RollbackToSavepoint = "ROLLBACK TO SAVEPOINT optin_turn";

    /// <summary>How many idle reader connections are kept open for the next look-ups.</summary>
    private const int MaxIdleReaders = 16;

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Databases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _connectionString;
    private readonly ConcurrentBag<Reader> _readers = [];
    private long _reads;
    private int _idleReaders;
    private int _readerSweep;
    private Group? _group;
    private Writer? _writer;
    private long _groups;
    private int _waiting;

    /// <summary>How many transactions wait for their turn (for tests).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The writer's statements while its connection is open, or null (for tests).</summary>
    internal RowCommands? OpenWriter => Volatile.Read(ref _writer)?.Rows;

    /// <summary>How the WAL file is synced to disk (<see cref="SqliteWalFlush.Fsync"/>; replaced by tests).</summary>
    internal Action<FileStream> FlushWal { get; set; } = SqliteWalFlush.Fsync;

    private SqliteGroupCommit(string connectionString)
    {
        _connectionString = connectionString;
        CanRead = ReachesSameDatabase(connectionString);
    }

    /// <summary>Whether every connection opened with <paramref name="connectionString"/> reaches the same database.</summary>
    internal static bool ReachesSameDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is { Length: > 0 } source && source != ":memory:"
            && (builder.Mode != SqliteOpenMode.Memory || builder.Cache == SqliteCacheMode.Shared);
    }

    /// <summary>How many reader connections are open and idle (for tests).</summary>
    internal int IdleReaders => Volatile.Read(ref _idleReaders);

    /// <summary>
    /// Whether a new connection with the context's connection string reaches the same database, so that
    /// <see cref="ReadAsync{T}"/> can be used: a file, or a named shared-cache memory database; not a private memory one.
    /// </summary>
    public bool CanRead { get; }

    /// <summary>The group commit of the context's database (one per connection string in this process).</summary>
    public static SqliteGroupCommit For(DbContext context) =>
        Databases.GetOrAdd(context.Database.GetConnectionString() ?? "", connectionString => new SqliteGroupCommit(connectionString));

    /// <summary>
    /// Runs a read outside the write lock, on a plain connection of its own with its statements prepared once (no
    /// context to create, no EF Core functions to register), kept open for the next reads until a second passes without one.
    /// </summary>
    public async ValueTask<T> ReadAsync<T>(Func<RowCommands, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (_readers.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaders);
        }
        else
        {
            reader = await Reader.OpenAsync(_connectionString, cancellationToken);
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
        if (Interlocked.Increment(ref _idleReaders) <= MaxIdleReaders)
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
        while (true)
        {
            var reads = Volatile.Read(ref _reads);
            await Task.Delay(IdleTimeout, CancellationToken.None);
            if (Volatile.Read(ref _reads) != reads)
            {
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

    /// <summary>Waits for this database's turn, then opens a savepoint in the current group (opening one if needed).</summary>
    public async ValueTask<SqliteWriteTurn> EnterAsync(IOptinDbContextSource source, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var group = _group;
        try
        {
            if (group is null)
            {
                if (_writer is { Wal.Failed: true } broken)
                {
                    // After a failed fsync nothing written through that handle can be trusted to be durable.
                    _writer = null;
                    await broken.DisposeAsync();
                }

                if (_writer is null)
                {
                    _writer = await Writer.OpenAsync(source, FlushWal, cancellationToken);
                    _ = CloseWhenIdleAsync(_writer);
                }

                group = await Group.OpenAsync(_writer, cancellationToken);
                _group = group;
                Interlocked.Increment(ref _groups);
            }

            // Not cancellable: a failure here fails the whole group, and a caller giving up must not fail the others.
            await group.Rows.ExecuteAsync(CreateSavepoint, CancellationToken.None);
            return new SqliteWriteTurn(this, group);
        }
        catch (Exception ex)
        {
            if (group is not null)
            {
                await AbortAsync(group, ex);
            }

            _turn.Release();
            throw;
        }
    }

    /// <summary>Runs one statement batch as a turn of its own and waits until it is durable.</summary>
    public async ValueTask<T> RunAsync<T>(IOptinDbContextSource source, Func<RowCommands, CancellationToken, ValueTask<T>> work,
        CancellationToken cancellationToken)
    {
        var turn = await EnterAsync(source, cancellationToken);
        T result;
        try
        {
            result = await work(turn.Rows, cancellationToken);
        }
        catch
        {
            await turn.LeaveAsync(commit: false);
            throw;
        }

        await await turn.LeaveAsync(commit: true);
        return result;
    }

    /// <summary>Ends a turn: releases or rolls back its savepoint, schedules the group's commit, passes the turn on.</summary>
    /// <returns>A task that completes when the turn's writes are committed (at once for a rollback).</returns>
    internal async ValueTask<Task> LeaveAsync(Group group, bool commit)
    {
        try
        {
            if (group.Closed)
            {
                return commit
                    ? throw new InvalidOperationException("The SQLite write group failed before this transaction ended.", group.Failure)
                    : Task.CompletedTask;
            }

            try
            {
                group.Lease.Context.ChangeTracker.Clear();
                if (!commit)
                {
                    await group.Rows.ExecuteAsync(RollbackToSavepoint, CancellationToken.None);
                }

                await group.Rows.ExecuteAsync(ReleaseSavepoint, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // SQLite rolled the whole transaction back (I/O error, disk full…): the group's other turns are lost too.
                await AbortAsync(group, ex);
                throw;
            }

            if (!group.CommitScheduled)
            {
                group.CommitScheduled = true;
                _ = CommitWhenItsTurnComesAsync(group);
            }

            return commit ? group.Durable.Task : Task.CompletedTask;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task CommitWhenItsTurnComesAsync(Group group)
    {
        Task synced;
        await _turn.WaitAsync(CancellationToken.None);
        try
        {
            if (group.Closed)
            {
                return; // failed, and its turns told, by AbortAsync
            }

            try
            {
                await group.Transaction.CommitAsync(CancellationToken.None);

                // With the WAL synced here rather than by COMMIT, the next group writes while the disk syncs this one.
                synced = group.Wal?.FlushAsync() ?? Task.CompletedTask;
                if (_checkpointWanted)
                {
                    await CheckpointAsync(group);
                }
            }
#pragma warning disable CA1031 // Every failure of the COMMIT goes to the turns waiting on it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                synced = Task.FromException(ex);
            }

            try
            {
                await CloseAsync(group);
            }
#pragma warning disable CA1031 // The COMMIT's outcome is known; disposing the transaction object must not hide it.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        finally
        {
            _turn.Release();
        }

        // The turns always learn the outcome: committed and synced, or the COMMIT's or the fsync's failure.
        try
        {
            await synced;
            group.Durable.TrySetResult();
        }
#pragma warning disable CA1031 // A failed COMMIT or fsync goes to the turns waiting on it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            group.Durable.TrySetException(ex);
        }
    }

    /// <summary>Closes <paramref name="writer"/>'s connection once a whole <see cref="IdleTimeout"/> passed without a group.</summary>
    private async Task CloseWhenIdleAsync(Writer writer)
    {
        while (true)
        {
            var groups = Volatile.Read(ref _groups);
            await Task.Delay(IdleTimeout, CancellationToken.None);
            await _turn.WaitAsync(CancellationToken.None);
            try
            {
                if (!ReferenceEquals(_writer, writer))
                {
                    return; // already thrown away after a failure
                }

                if (_group is null && _groups == groups)
                {
                    _writer = null;
                    await writer.DisposeAsync();
                    return;
                }
            }
            finally
            {
                _turn.Release();
            }
        }
    }

    /// <summary>Fails the group: its committed turns are told, the transaction is rolled back. Called holding the turn.</summary>
    private async ValueTask AbortAsync(Group group, Exception failure)
    {
        if (group.Closed)
        {
            return;
        }

        group.Failure = failure;
        group.Durable.TrySetException(new InvalidOperationException("The SQLite write group was rolled back.", failure));
        try
        {
            await group.Transaction.RollbackAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // The transaction may already be gone; the group is closed either way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await CloseAsync(group);

        // The connection may be broken; the next group opens a new one.
        if (_writer is { } failed)
        {
            _writer = null;
            await failed.DisposeAsync();
        }
    }

    private async ValueTask CloseAsync(Group group)
    {
        group.Closed = true;
        if (ReferenceEquals(_group, group))
        {
            _group = null;
        }

        group.Rows.Transaction = null;
        await group.Transaction.DisposeAsync();
    }

    /// <summary>One database transaction shared by consecutive turns, on the writer's context and connection.</summary>
    internal sealed class Group
    {
        private Group(Writer writer, IDbContextTransaction transaction)
        {
            Lease = writer.Lease;
            Rows = writer.Rows;
            Wal = writer.Wal;
            Transaction = transaction;
        }

        public DbContextLease Lease { get; }

        /// <summary>Syncs the WAL after the group's COMMIT, or null when COMMIT syncs it itself.</summary>
        public SqliteWalFlush? Wal { get; }

        /// <summary>The writer's prepared statements, bound to this group's transaction.</summary>
        public RowCommands Rows { get; }

        public IDbContextTransaction Transaction { get; }

        /// <summary>Completes when the group is committed; faults when it failed.</summary>
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CommitScheduled { get; set; }

        public bool Closed { get; set; }

        public Exception? Failure { get; set; }

        public static async ValueTask<Group> OpenAsync(Writer writer, CancellationToken cancellationToken)
        {
            var transaction = await writer.Lease.Context.Database.BeginTransactionAsync(cancellationToken);
            writer.Rows.Transaction = transaction.GetDbTransaction();
            return new Group(writer, transaction);
        }
    }

    /// <summary>The context and open connection the groups write with, and the statements prepared on it.</summary>
    internal sealed class Writer : IAsyncDisposable
    {
        private readonly string _tempStore;

        private Writer(DbContextLease lease, RowCommands rows, SqliteWalFlush? wal, string tempStore)
        {
            Lease = lease;
            Rows = rows;
            Wal = wal;
            _tempStore = tempStore;
        }

        public DbContextLease Lease { get; }

        public RowCommands Rows { get; }

        /// <summary>Syncs the WAL after each COMMIT, when the connection commits with NORMAL for it (see <see cref="SqliteWalFlush"/>).</summary>
        public SqliteWalFlush? Wal { get; }

        public static async ValueTask<Writer> OpenAsync(IOptinDbContextSource source, Action<FileStream> flushWal,
            CancellationToken cancellationToken)
        {
            var lease = await source.CreateAsync(cancellationToken);
            SqliteConnection? opened = null;
            try
            {
                // Each turn is one savepoint; EF's own savepoints around every SaveChanges would only add statements.
                lease.Context.Database.AutoSavepointsEnabled = false;

                // Opened here, so EF Core leaves it open when a group's transaction ends.
                await lease.Context.Database.OpenConnectionAsync(cancellationToken);
                var connection = (SqliteConnection)lease.Context.Database.GetDbConnection();

                // A turn's savepoint keeps the original of every page the turn changes in a sub-journal, which SQLite
                // spills to a temporary file past 64 KiB unless temporary storage is in memory: a submission touches
                // about that many pages, and its last inserts cost four times as much once spilled.
                opened = connection;
                var tempStore = await SqlitePragma.RunAsync(connection, "PRAGMA temp_store", cancellationToken);
                await SqlitePragma.RunAsync(connection, "PRAGMA temp_store=MEMORY", cancellationToken);

                // Deleted rows are overwritten with zeros rather than left in free space (DSR-5). Not restored when the
                // connection goes back to the pool: every connection of the store's own context has it on as well.
                await SqlitePragma.RunAsync(connection, SecureDelete, cancellationToken);
                var walPath = await SqliteWalFlush.WalPathAsync(connection, cancellationToken);
                var wal = walPath is null ? null : await SqliteWalFlush.OpenAsync(connection, walPath, flushWal, cancellationToken);
                return new Writer(lease, new RowCommands(connection, SqliteDialect.Instance), wal, tempStore);
            }
            catch
            {
                if (opened is not null)
                {
                    // Its settings may be half changed: the connection is thrown away rather than pooled.
                    SqliteConnection.ClearPool(opened);
                    await lease.Context.Database.CloseConnectionAsync();
                }

                await lease.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Rows.DisposeAsync();
            if (Wal is not null)
            {
                await Wal.DisposeAsync();
            }

            await RestoreSettingsAsync();
            await Lease.Context.Database.CloseConnectionAsync();
            await Lease.DisposeAsync();
        }

        /// <summary>The connection goes back to the pool: whoever takes it next finds SQLite's settings as they were.</summary>
        private async ValueTask RestoreSettingsAsync()
        {
            var connection = (SqliteConnection)Lease.Context.Database.GetDbConnection();
            try
            {
                await SqlitePragma.RunAsync(connection, FormattableString.Invariant($"PRAGMA temp_store={_tempStore}"), CancellationToken.None);
                if (Wal is not null)
                {
                    await SqlitePragma.RunAsync(connection, "PRAGMA synchronous=FULL", CancellationToken.None);
                }
            }
#pragma warning disable CA1031 // A connection that cannot take the pragma must not go back to the pool.
            catch (Exception)
#pragma warning restore CA1031
            {
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    /// <summary>A plain connection for reads outside the write lock, and the statements prepared on it.</summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;

        private Reader(SqliteConnection connection)
        {
            _connection = connection;
            Rows = new RowCommands(connection, SqliteDialect.Instance);
        }

        public RowCommands Rows { get; }

        public static async ValueTask<Reader> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await SqlitePragma.RunAsync(connection, SecureDelete, cancellationToken);
                return new Reader(connection);
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

    // Erasure (DSR-5): erased rows leave the WAL file.

    /// <summary>The pragma every connection of the store runs once opened: deleted content is overwritten with zeros.</summary>
    internal const string SecureDelete = "PRAGMA secure_delete=ON";

    /// <summary>Set by a turn that erased; cleared by a checkpoint that reset the whole WAL.</summary>
    private bool _checkpointWanted;

    /// <summary>How many checkpoints ran after an erasure, complete or not (for tests).</summary>
    internal int Checkpoints { get; private set; }

    /// <summary>Asks for a checkpoint after the current group's COMMIT. Called holding the turn.</summary>
    internal void CheckpointAfterCommit() => _checkpointWanted = true;

    /// <summary>
    /// Copies the WAL into the database file and truncates the WAL to zero bytes (<c>wal_checkpoint(TRUNCATE)</c>), on
    /// the writer's connection, after the group's COMMIT and before the turn is passed on, so that no write races it:
    /// the frames that held erased rows are then gone from the <c>-wal</c> file, and the database file holds their pages
    /// zeroed by <c>secure_delete</c>. A reader still reading an older snapshot can keep the WAL from being reset; the
    /// checkpoint is then tried again after each later group until one completes.
    /// </summary>
    private async ValueTask CheckpointAsync(Group group)
    {
        Checkpoints++;
        try
        {
            await using var command = group.Lease.Context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);

            // One row: busy (1 when a reader or writer was in the way), frames in the WAL, frames checkpointed.
            if (await reader.ReadAsync(CancellationToken.None) && reader.GetInt64(0) == 0)
            {
                _checkpointWanted = false;
            }
        }
#pragma warning disable CA1031 // The group is committed; a checkpoint that failed is tried again after the next group.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
