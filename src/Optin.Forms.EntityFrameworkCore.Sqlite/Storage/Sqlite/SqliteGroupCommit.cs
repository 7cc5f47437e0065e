using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

// Design note: the SQLite engine.
//
// Why group commit: SQLite has one writer per database, and a durable COMMIT costs an fsync (milliseconds on a real
// disk), so one transaction at a time would cap a site at a few hundred sign-ups a second. Here the host's write
// transactions take turns (a FIFO queue, SqliteTurnQueue) on ONE connection inside ONE database transaction
// (BEGIN IMMEDIATE): each turn is a savepoint, released on commit or rolled back alone; the transaction is committed
// once the turns that queued behind its first one have run, one COMMIT and one fsync for them all.
//
// What is durable when: a caller's commit returns (the sign-up is acknowledged) only after its group's COMMIT returned
// AND the WAL file was fsynced by a sync that started after that COMMIT. The writer's connection commits with
// synchronous=NORMAL (COMMIT write()s the WAL frames but does not sync them) and SqliteWalFlush then fsyncs the WAL
// itself, outside the write lock, so the next group already writes while the disk syncs this one; what is acknowledged
// is as durable as with synchronous=FULL. Before the fsync returned, other connections may read a committed group;
// nothing acts on that alone (a job is claimed only by a write turn of its own, which waits for a later fsync).
// A failed fsync fails its turns and throws the writer away. A rollback journal (not WAL) keeps SQLite's own sync.
//
// Idle close: the writer's connection stays open while turns keep coming (its prepared statements are compiled once),
// and is closed after IdleTimeout without a group, on the host's TimeProvider; readers likewise. The host's
// SqliteWriters owns the group commits and closes them when the host is disposed. Other processes (the CLI, a second
// host) are kept out by BEGIN IMMEDIATE and SQLite's busy timeout.

/// <summary>
/// Group commit for one SQLite database of one host (see the design note above): write transactions take turns on one
/// connection inside one database transaction, each turn in its own savepoint.
/// </summary>
/// <remarks>
/// Invariants: a turn's writes are committed together or not at all (its savepoint); a committed turn's caller resumes
/// only once the group's COMMIT returned and its WAL frames are synced (<see cref="SqliteWalFlush"/>); if the group fails
/// (COMMIT fails, or SQLite rolled the whole transaction back), every turn committed in it fails too. The COMMIT waits in
/// the same FIFO queue as the turns (<see cref="SqliteTurnQueue"/>), so a group holds exactly the turns that were waiting
/// when its first turn finished. The writer's connection is thrown away when a group fails.
/// </remarks>
internal sealed partial class SqliteGroupCommit : IAsyncDisposable
{
    /// <summary>How long the writer's connection, and idle readers, stay open after the last use, for the next to reuse.</summary>
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long disposing waits for the transactions under way to end.</summary>
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);

    private const string CreateSavepoint = "SAVEPOINT optin_turn";
    private const string ReleaseSavepoint = "RELEASE SAVEPOINT optin_turn";
    private const string RollbackToSavepoint = "ROLLBACK TO SAVEPOINT optin_turn";

    /// <summary>How many idle reader connections are kept open for the next look-ups.</summary>
    private const int MaxIdleReaders = 16;

    private readonly SqliteTurnQueue _turn = new();
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SqliteEngineOptions _options;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConcurrentBag<Reader> _readers = [];
    private long _lastRead; // a timestamp of the host's clock
    private int _idleReaders;
    private int _readerSweep;
    private Group? _group;
    private Writer? _writer;
    private long _lastGroup; // a timestamp of the host's clock
    private volatile bool _disposed;

    /// <summary>How many transactions wait for their turn (for tests).</summary>
    internal int Waiting => _turn.Waiting;

    /// <summary>The loop that closes the open writer once idle, or null (for tests: it ends when it closed it).</summary>
    internal Task? IdleClose { get; private set; }

    /// <summary>The writer's statements while its connection is open, or null (for tests).</summary>
    internal RowCommands? OpenWriter => Volatile.Read(ref _writer)?.Rows;

    /// <summary>How the WAL file is synced to disk (<see cref="SqliteWalFlush.Fsync"/>; replaced by tests).</summary>
    internal Action<FileStream> FlushWal { get; set; } = SqliteWalFlush.Fsync;

    /// <param name="connectionString">The database's connection string, for the readers' connections.</param>
    /// <param name="time">The host's clock, for the idle close of the writer and the readers.</param>
    /// <param name="options">Which of the writer's fast paths are on.</param>
    internal SqliteGroupCommit(string connectionString, TimeProvider time, SqliteEngineOptions options)
    {
        _connectionString = connectionString;
        _time = time;
        _options = options;
        CanRead = ReachesSameDatabase(connectionString);
    }

    /// <summary>Whether every connection opened with <paramref name="connectionString"/> reaches the same database.</summary>
    internal static bool ReachesSameDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is { Length: > 0 } source && source != ":memory:"
            && (builder.Mode != SqliteOpenMode.Memory || builder.Cache == SqliteCacheMode.Shared);
    }

    /// <summary>
    /// Whether a new connection with the context's connection string reaches the same database, so that
    /// <see cref="ReadAsync{T}"/> can be used: a file, or a named shared-cache memory database; not a private memory one.
    /// </summary>
    public bool CanRead { get; }

    /// <summary>Waits <paramref name="wait"/> on the host's clock.</summary>
    /// <returns>False when the host is being disposed.</returns>
    private async Task<bool> IdleAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _time, _disposing.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Closes the writer once the groups already under way are committed and their WAL synced, and the idle readers; a
    /// transaction begun from now on fails with <see cref="ObjectDisposedException"/>. Called when the host is disposed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _disposing.CancelAsync();
        // Bounded: a transaction its owner never ends must not hang the host's shutdown; its writer is then left open.
        using var timeout = new CancellationTokenSource(DisposeTimeout, _time);
        try
        {
            await _turn.EnterAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await CloseIdleReadersAsync();
            return;
        }

        try
        {
            // A group open here has its COMMIT queued behind: let it (and the turns before it) run first.
            while (_group is not null)
            {
                _turn.Leave();
                await _turn.EnterAsync(CancellationToken.None);
            }

            if (_writer is { } writer)
            {
                _writer = null;
                await writer.DisposeAsync();
            }
        }
        finally
        {
            _turn.Leave();
        }

        await CloseIdleReadersAsync();
    }

    /// <summary>Waits for this database's turn, then opens a savepoint in the current group (opening one if needed).</summary>
    /// <exception cref="ObjectDisposedException">The host is being disposed.</exception>
    public async ValueTask<SqliteWriteTurn> EnterAsync(IOptinDbContextSource source, CancellationToken cancellationToken)
    {
        await _turn.EnterAsync(cancellationToken);
        if (_disposed)
        {
            _turn.Leave();
            throw new ObjectDisposedException(nameof(SqliteGroupCommit), "The host that owns this SQLite writer is being disposed.");
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
                    _writer = await Writer.OpenAsync(source, FlushWal, _options, cancellationToken);
                    IdleClose = CloseWhenIdleAsync(_writer);
                }

                group = await Group.OpenAsync(_writer, cancellationToken);
                _group = group;
                _lastGroup = _time.GetTimestamp();
            }

            // Not cancellable: a failure here fails the whole group, and a caller giving up must not fail the others.
            await group.Rows.ExecuteAsync(CreateSavepoint, CancellationToken.None);
            group.Turns++;
            return new SqliteWriteTurn(this, group, group.Changes);
        }
        catch (Exception ex)
        {
            if (group is not null)
            {
                await AbortAsync(group, ex);
            }

            _turn.Leave();
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
    internal async ValueTask<Task> LeaveAsync(Group group, bool commit, bool alone)
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
                if (alone)
                {
                    // No savepoint: the group holds this turn alone, so a rollback is the transaction's.
                    if (!commit)
                    {
                        await group.Transaction.RollbackAsync(CancellationToken.None);
                        await CloseAsync(group);
                        return Task.CompletedTask;
                    }
                }
                else
                {
                    if (!commit)
                    {
                        await group.Rows.ExecuteAsync(RollbackToSavepoint, CancellationToken.None);
                    }

                    await group.Rows.ExecuteAsync(ReleaseSavepoint, CancellationToken.None);
                }
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
            _turn.Leave();
        }
    }

    private async Task CommitWhenItsTurnComesAsync(Group group)
    {
        Task synced;
        await _turn.EnterAsync(CancellationToken.None);
        try
        {
            if (group.Closed)
            {
                return; // committed early by a turn that runs alone, or failed and its turns told by AbortAsync
            }

            synced = await CommitAsync(group);
        }
        finally
        {
            _turn.Leave();
        }

        await ReportAsync(group, synced);
    }

    /// <summary>Commits the group and closes it. Called holding the turn.</summary>
    /// <returns>A task that completes when the WAL holding the commit is synced, or faults with the COMMIT's failure.</returns>
    private async ValueTask<Task> CommitAsync(Group group)
    {
        Task synced;
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

        return synced;
    }

    /// <summary>The turns always learn the outcome: committed and synced, or the COMMIT's or the fsync's failure.</summary>
    private static async Task ReportAsync(Group group, Task synced)
    {
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

    /// <summary>
    /// Makes <paramref name="group"/>'s current turn the only one in its group, without a savepoint, so that a long turn
    /// (a bulk change of a million contacts) keeps no sub-journal: SQLite keeps there the original of every page a
    /// savepoint changes, and with <c>temp_store=MEMORY</c> it keeps it in memory (hundreds of MB for a bulk change).
    /// A failure then rolls back the whole transaction, which holds nothing else. Called holding the turn.
    /// </summary>
    /// <param name="group">The turn's group.</param>
    /// <param name="changesAtEntry">SQLite's count of changed rows on the writer's connection when the turn began.</param>
    /// <returns>The group the turn now runs alone in, or null when it keeps its savepoint (it wrote already, and earlier
    /// turns share its group).</returns>
    internal async ValueTask<Group?> RunAloneAsync(Group group, long changesAtEntry)
    {
        if (group.Closed)
        {
            return null;
        }

        try
        {
            if (group.Turns == 1)
            {
                // The transaction holds this turn only: its savepoint is no longer needed.
                await group.Rows.ExecuteAsync(ReleaseSavepoint, CancellationToken.None);
                return group;
            }

            if (group.Changes != changesAtEntry)
            {
                return null;
            }

            // The turn wrote nothing yet: the earlier turns are committed now, and it goes on in a transaction of its own.
            await group.Rows.ExecuteAsync(ReleaseSavepoint, CancellationToken.None);
        }
        catch (Exception ex)
        {
            await AbortAsync(group, ex);
            throw;
        }

        _ = ReportAsync(group, await CommitAsync(group));
        var alone = await Group.OpenAsync(_writer!, CancellationToken.None);
        alone.Turns = 1;
        _group = alone;
        _lastGroup = _time.GetTimestamp();
        return alone;
    }

    /// <summary>Closes <paramref name="writer"/>'s connection once a whole <see cref="IdleTimeout"/> passed without a group.</summary>
    private async Task CloseWhenIdleAsync(Writer writer)
    {
        var wait = IdleTimeout;
        while (true)
        {
            if (!await IdleAsync(wait))
            {
                return; // disposed: the writer is closed there
            }

            await _turn.EnterAsync(CancellationToken.None);
            try
            {
                if (!ReferenceEquals(_writer, writer))
                {
                    return; // already thrown away after a failure
                }

                var idle = _time.GetElapsedTime(_lastGroup);
                if (_group is null && idle >= IdleTimeout)
                {
                    _writer = null;
                    await writer.DisposeAsync();
                    return;
                }

                wait = _group is null ? IdleTimeout - idle : IdleTimeout;
            }
            finally
            {
                _turn.Leave();
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
        _lastGroup = _time.GetTimestamp();
        if (ReferenceEquals(_group, group))
        {
            _group = null;
        }

        group.Rows.Transaction = null;
        await group.Transaction.DisposeAsync();
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
