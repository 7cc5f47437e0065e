namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// Switches of the SQLite writer, for measuring one path against the other (not public configuration): read once, when
/// the host's <see cref="SqliteWriters"/> is created.
/// </summary>
internal sealed record SqliteEngineOptions
{
    /// <summary>
    /// Whether the writer runs single statements on the SQLite handle (<see cref="RowCommands"/>) rather than through
    /// Microsoft.Data.Sqlite. <c>OPTIN_SQLITE_HANDLE_STEPS=0</c> turns it off.
    /// </summary>
    public bool HandleSteps { get; init; } = true;

    /// <summary>
    /// Whether the writer commits with <c>synchronous=NORMAL</c> and syncs the WAL itself, outside the write lock
    /// (<see cref="SqliteWalFlush"/>), rather than leaving <c>synchronous=FULL</c> to sync inside COMMIT.
    /// <c>OPTIN_SQLITE_OWN_WAL_SYNC=0</c> turns it off.
    /// </summary>
    public bool OwnWalSync { get; init; } = true;

    /// <summary>The defaults, with the switches read from the environment.</summary>
    public static SqliteEngineOptions FromEnvironment() => new()
    {
        HandleSteps = Environment.GetEnvironmentVariable("OPTIN_SQLITE_HANDLE_STEPS") != "0",
        OwnWalSync = Environment.GetEnvironmentVariable("OPTIN_SQLITE_OWN_WAL_SYNC") != "0",
    };
}
