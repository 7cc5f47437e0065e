using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// Group commit for one SQLite database in this process. SQLite has a single writer and a commit costs an fsync, so
/// write transactions take turns on one connection inside one database transaction (<c>BEGIN IMMEDIATE</c>): each turn
/// runs inside its own savepoint, released on commit or rolled back alone on failure, and the transaction is committed
/// once the turns queued behind it have run, one fsync for them all.
/// </summary>
/// <remarks>
/// Invariants: a turn's writes are committed together or not at all (its savepoint); a committed turn's caller resumes
/// only once the group's COMMIT returned, so its data is as durable as the database's <c>synchronous</c> setting makes
/// it (FULL by default: a power cut loses nothing acknowledged); if the group fails (COMMIT fails, or SQLite rolled the
/// whole transaction back), every turn committed in it fails too. The COMMIT waits in the same FIFO queue as the turns,
/// so a group holds exactly the turns that were waiting when its first turn finished. Other processes are kept out
/// by <c>BEGIN IMMEDIATE</c> and SQLite's busy timeout.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "Lives as long as the process; the semaphore's wait handle is never created.")]
internal sealed class SqliteGroupCommit
{
    private const string Savepoint = "optin_turn";
    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Databases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private Group? _group;
    private int _waiting;

    /// <summary>How many transactions wait for their turn (for tests).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The group commit of the context's database (one per connection string in this process).</summary>
    public static SqliteGroupCommit For(DbContext context) =>
        Databases.GetOrAdd(context.Database.GetConnectionString() ?? "", _ => new SqliteGroupCommit());

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
                group = await Group.OpenAsync(source, cancellationToken);
                _group = group;
            }

            await group.Transaction.CreateSavepointAsync(Savepoint, cancellationToken);
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
    public async ValueTask<T> RunAsync<T>(IOptinDbContextSource source, Func<DbContext, CancellationToken, Task<T>> work,
        CancellationToken cancellationToken)
    {
        var turn = await EnterAsync(source, cancellationToken);
        T result;
        try
        {
            result = await work(turn.Db, cancellationToken);
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
                    await group.Transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                }

                await group.Transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
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
        await _turn.WaitAsync(CancellationToken.None);
        try
        {
            if (group.Closed)
            {
                return;
            }

            try
            {
                await group.Transaction.CommitAsync(CancellationToken.None);
                group.Durable.TrySetResult();
            }
#pragma warning disable CA1031 // Every failure of the COMMIT goes to the turns waiting on it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                group.Durable.TrySetException(ex);
            }

            await CloseAsync(group);
        }
        finally
        {
            _turn.Release();
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
    }

    private async ValueTask CloseAsync(Group group)
    {
        group.Closed = true;
        if (ReferenceEquals(_group, group))
        {
            _group = null;
        }

        await group.Transaction.DisposeAsync();
        await group.Lease.DisposeAsync();
    }

    /// <summary>One database transaction shared by consecutive turns, on one context and connection.</summary>
    internal sealed class Group
    {
        private Group(DbContextLease lease, IDbContextTransaction transaction)
        {
            Lease = lease;
            Transaction = transaction;
        }

        public DbContextLease Lease { get; }

        public IDbContextTransaction Transaction { get; }

        /// <summary>Completes when the group is committed; faults when it failed.</summary>
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CommitScheduled { get; set; }

        public bool Closed { get; set; }

        public Exception? Failure { get; set; }

        public static async ValueTask<Group> OpenAsync(IOptinDbContextSource source, CancellationToken cancellationToken)
        {
            var lease = await source.CreateAsync(cancellationToken);
            try
            {
                // Each turn is one savepoint; EF's own savepoints around every SaveChanges would only add statements.
                lease.Context.Database.AutoSavepointsEnabled = false;
                var transaction = await lease.Context.Database.BeginTransactionAsync(cancellationToken);
                return new Group(lease, transaction);
            }
            catch
            {
                await lease.DisposeAsync();
                throw;
            }
        }
    }
}
