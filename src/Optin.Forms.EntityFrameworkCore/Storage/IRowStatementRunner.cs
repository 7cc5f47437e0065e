namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// A provider's own way to run a single statement that returns no rows, inside a transaction, without an ADO.NET command
/// (SQLite: on the connection's handle). Created per <see cref="RowCommands"/>, disposed with it.
/// </summary>
internal interface IRowStatementRunner : IDisposable
{
    /// <summary>How many statements ran this way (for tests).</summary>
    int Steps { get; }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/>, or returns null to leave it to the ADO.NET command.</summary>
    /// <returns>The number of rows changed, or null.</returns>
    int? TryExecute(string sql, object?[] values, CancellationToken cancellationToken);
}
