using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// A provider's single writer for a database (SQLite's group commit), when the provider has one: write transactions
/// then take turns on it instead of opening a context and a transaction each (<see cref="OptinStorageProvider.Writer"/>).
/// </summary>
internal interface IOptinWriter
{
    /// <summary>Whether <see cref="ReadAsync{T}"/> may be used (a new connection reaches the same database).</summary>
    bool CanRead { get; }

    /// <summary>Waits for a turn and opens it.</summary>
    ValueTask<IOptinWriteTurn> EnterAsync(IOptinDbContextSource source, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as a turn of its own, committed when it returns.</summary>
    ValueTask<T> RunAsync<T>(IOptinDbContextSource source, Func<RowCommands, CancellationToken, ValueTask<T>> work,
        CancellationToken cancellationToken);

    /// <summary>Runs a read outside the write lock, on a connection of the writer's own.</summary>
    ValueTask<T> ReadAsync<T>(Func<RowCommands, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken);
}

/// <summary>One write transaction's turn on an <see cref="IOptinWriter"/>.</summary>
internal interface IOptinWriteTurn
{
    /// <summary>The context to write through, for this turn only.</summary>
    DbContext Db { get; }

    /// <summary>The writer's prepared statements, in this turn's transaction.</summary>
    RowCommands Rows { get; }

    /// <summary>Ends the turn once: commits (<paramref name="commit"/>) or rolls back its writes.</summary>
    /// <returns>A task that completes when the writes are durable (at once after a rollback).</returns>
    ValueTask<Task> LeaveAsync(bool commit);

    /// <summary>Erasure (DSR-5): asks the writer to remove the erased rows' old bytes from its log once committed.</summary>
    void CheckpointAfterCommit();

    /// <summary>
    /// Lets this turn run alone, outside the group's savepoint, so that a long change (bulk opt-in) keeps no copy of the
    /// pages it changes; does nothing when the turn cannot (it already wrote in the group).
    /// </summary>
    ValueTask RunAloneAsync();
}
