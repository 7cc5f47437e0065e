using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>One write transaction's turn in a <see cref="SqliteGroupCommit"/>: its savepoint on the group's context.</summary>
internal sealed partial class SqliteWriteTurn
{
    private readonly SqliteGroupCommit _owner;
    private readonly long _changesAtEntry;
    private SqliteGroupCommit.Group _group;
    private bool _alone;
    private bool _left;

    internal SqliteWriteTurn(SqliteGroupCommit owner, SqliteGroupCommit.Group group, long changesAtEntry)
    {
        _owner = owner;
        _group = group;
        _changesAtEntry = changesAtEntry;
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
        return _owner.LeaveAsync(_group, commit, _alone);
    }

    /// <summary>
    /// Before a long write (a bulk change): the turn goes on alone in its group, without a savepoint, so that SQLite keeps
    /// no copy of the pages it changes (<see cref="SqliteGroupCommit.RunAloneAsync"/>). Does nothing when the turn
    /// already wrote and shares its group.
    /// </summary>
    public async ValueTask RunAloneAsync()
    {
        if (_alone || _left)
        {
            return;
        }

        if (await _owner.RunAloneAsync(_group, _changesAtEntry) is { } group)
        {
            _group = group;
            _alone = true;
        }
    }

    // Erasure (DSR-5).

    /// <summary>
    /// Asks for a WAL checkpoint (TRUNCATE) once this turn's group has committed, so that the frames holding rows this
    /// turn deleted leave the <c>-wal</c> file (<see cref="SqliteGroupCommit"/>).
    /// </summary>
    public void CheckpointAfterCommit() => _owner.CheckpointAfterCommit();
}
