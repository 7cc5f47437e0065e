using System.Data.Common;
using System.Runtime.InteropServices;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// Makes the SQLite writer's commits durable outside the write lock: the writer's connection commits with
/// <c>synchronous=NORMAL</c> (the WAL is written but not synced), and this class then fsyncs the WAL file itself,
/// one fsync for every commit that returned before it started. A group's callers resume only once that fsync returned,
/// so what they are told is committed is as durable as with <c>synchronous=FULL</c>; meanwhile the next group already
/// writes, instead of waiting for the disk.
/// </summary>
/// <remarks>
/// <para>
/// Why this is as safe as FULL: a WAL commit writes its frames, the last one marked as a commit, with <c>write()</c>
/// before COMMIT returns; an fsync of the file started after that makes them durable, and recovery replays every
/// checksummed commit it finds. Frames that a checkpoint has already copied into the database file were synced by
/// the checkpoint itself (NORMAL syncs the WAL before a checkpoint and the database after it). The WAL file is not
/// replaced while the writer's connection is open (SQLite deletes it only when the last connection closes), so the
/// handle kept here stays the file SQLite appends to. The directory is synced once when the handle is opened, as SQLite
/// does for a WAL file it has just created, so a new file's name is durable too.
/// </para>
/// <para>
/// A failed fsync fails the commits waiting on it, and every later one: after a failed fsync the kernel may have
/// dropped the unwritten pages, so nothing written since can be called durable. The group commit then throws the
/// writer away; the next writer opens a new connection and a new handle.
/// </para>
/// <para>
/// Other connections can read a committed group before its fsync returned. Nothing acts on that alone: a job is
/// claimed, and an email sent, only after a write turn of its own, which waits for an fsync that covers every
/// earlier commit.
/// </para>
/// </remarks>
internal sealed class SqliteWalFlush : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _wal;
    private readonly Action<FileStream> _flush;
    private TaskCompletionSource? _waiting;
    private Task _loop = Task.CompletedTask;
    private bool _running;
    private Exception? _failure;
    private bool _disposed;

    private SqliteWalFlush(FileStream wal, Action<FileStream> flush)
    {
        _wal = wal;
        _flush = flush;
    }

    /// <summary>True once an fsync failed: the writer must be thrown away.</summary>
    public bool Failed
    {
        get
        {
            lock (_gate)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="connection"/> (the writer's, open) can have its commits synced here: the database is a
    /// file in WAL mode and the connection commits with FULL, SQLite's default. Otherwise the connection's own setting is
    /// left alone: a rollback journal syncs on COMMIT, and a host that chose NORMAL, OFF or EXTRA keeps its choice.
    /// </summary>
    /// <returns>The WAL file's path, or null.</returns>
    public static async ValueTask<string?> WalPathAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var mode = await SqlitePragma.RunAsync(connection, "PRAGMA journal_mode", cancellationToken);
        var synchronous = await SqlitePragma.RunAsync(connection, "PRAGMA synchronous", cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
        {
            return null;
        }

        // database_list: seq, name, file; the file is empty for an in-memory or temporary database.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA database_list";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(1) == "main")
            {
                var file = reader.IsDBNull(2) ? "" : reader.GetString(2);
                return file.Length == 0 ? null : file + "-wal";
            }
        }

        return null;
    }

    /// <summary>
    /// Opens the WAL file, syncs its directory and switches the connection to NORMAL; or returns null, leaving the
    /// connection as it is (SQLite then syncs on COMMIT), when the WAL file cannot be opened or its directory cannot be
    /// synced here (no libc to call, or the directory cannot be opened).
    /// </summary>
    public static async ValueTask<SqliteWalFlush?> OpenAsync(DbConnection connection, string walPath, Action<FileStream> flush,
        CancellationToken cancellationToken)
    {
        FileStream wal;
        try
        {
            // Read-write only because an fsync through FileStream needs a handle that can write; nothing is written here.
            wal = new FileStream(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // not there, or not ours to open: SQLite keeps syncing on COMMIT
        }

        try
        {
            if (!TrySyncDirectory(Path.GetDirectoryName(Path.GetFullPath(walPath))!))
            {
                await wal.DisposeAsync();
                return null;
            }

            await SqlitePragma.RunAsync(connection, "PRAGMA synchronous=NORMAL", cancellationToken);
            return new SqliteWalFlush(wal, flush);
        }
        catch
        {
            await wal.DisposeAsync();
            throw;
        }
    }

    /// <summary>The default flush: fsync of the WAL file.</summary>
    public static void Fsync(FileStream wal)
    {
        ArgumentNullException.ThrowIfNull(wal);
        wal.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Completes once an fsync that started after this call returned: everything committed before the call is then
    /// durable. Calls made while an fsync runs share the next one.
    /// </summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(Failure(_failure));
            }

            if (_disposed)
            {
                return Task.FromException(new ObjectDisposedException(nameof(SqliteWalFlush)));
            }

            _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_running)
            {
                _running = true;
                _loop = Task.Run(Loop);
            }

            return _waiting.Task;
        }
    }

    /// <summary>Waits for the fsync under way, then closes the handle.</summary>
    public async ValueTask DisposeAsync()
    {
        Task loop;
        lock (_gate)
        {
            _disposed = true;
            loop = _loop;
        }

        await loop;
        await _wal.DisposeAsync();
    }

    private void Loop()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                if (_waiting is null)
                {
                    _running = false;
                    return;
                }

                batch = _waiting;
                _waiting = null;
            }

            try
            {
                _flush(_wal);
                batch.TrySetResult();
            }
#pragma warning disable CA1031 // Every failure of the fsync goes to the commits waiting on it, and to every later one.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _failure = ex;
                    _waiting?.TrySetException(Failure(ex));
                    _waiting = null;
                    _running = false;
                }

                batch.TrySetException(Failure(ex));
                return;
            }
        }
    }

    /// <summary>
    /// fsync of a directory, so that a file's name in it is durable (Windows needs none: NTFS logs it).
    /// </summary>
    /// <returns>False when the directory could not be synced.</returns>
    private static bool TrySyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            var fd = NativeMethods.open(directory, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return false;
            }

            try
            {
                return NativeMethods.fsync(fd) == 0;
            }
            finally
            {
                _ = NativeMethods.close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static InvalidOperationException Failure(Exception ex) =>
        new("The SQLite write-ahead log could not be synced to disk; the last writes may not be durable.", ex);
}

#pragma warning disable CA5392, SYSLIB1054 // libc on Linux and macOS, called only there; DllImport keeps unsafe code out.
internal static class NativeMethods
{
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    internal static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    internal static extern int close(int fd);
}
#pragma warning restore CA5392, SYSLIB1054
