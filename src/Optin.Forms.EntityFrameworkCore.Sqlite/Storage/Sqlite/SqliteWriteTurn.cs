using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>One write transaction's turn in a <see cref="SqliteGroupCommit"/>: its savepoint on the group's context.</summary>
internal sealed partial class SqliteWriteTurn
{
    private readonly SqliteGroupCommit _owner;
    private readonly SqliteGroupCommit.Group _group;
    private bool _left;

    internal SqliteWriteTurn(SqliteGroupCommit owner, SqliteGroupCommit.Group group)
    {
        _owner = owner;
        _group = group;
    }

    /// <summary>The group's context, for this turn only (its change tracker is cleared when the turn ends).</summary>
    public DbContext Db => _group.Lease.Context;

    /// <summary>The writer's prepared statements, in this turn's group transaction.</summary>
    public RowCommands Rows => _group.Rows;

    /// <summary>Ends the turn once: releases (<paramref name="commit"/>) or rolls back its savepoint.</summary>
    /// <returns>A task that completes when the writes are durable (at once after a rollback).</returns>
    public ValueTask<Task> LeaveAsync(bool commit)
    {
        if (_left)
        {
            return ValueTask.FromResult(Task.CompletedTask);
        }

        _left = true;
        return _owner.LeaveAsync(_group, commit);
    }

    // Erasure (DSR-5).

    /// <summary>
    /// Asks for a WAL checkpoint (TRUNCATE) once this turn's group has committed, so that the frames holding rows this
    /// turn deleted leave the <c>-wal</c> file (<see cref="SqliteGroupCommit"/>).
    /// </summary>
    public void CheckpointAfterCommit() => _owner.CheckpointAfterCommit();
}
