using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <content>The writer's connection and the group transactions the turns share on it.</content>
internal sealed partial class SqliteGroupCommit
{
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

        /// <summary>How many turns the group has held.</summary>
        public int Turns { get; set; }

        /// <summary>SQLite's count of rows changed on the writer's connection so far.</summary>
        public long Changes => raw.sqlite3_total_changes(Connection.Handle);

        public SqliteConnection Connection => (SqliteConnection)Lease.Context.Database.GetDbConnection();

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
            SqliteEngineOptions options, CancellationToken cancellationToken)
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
                var walPath = options.OwnWalSync ? await SqliteWalFlush.WalPathAsync(connection, cancellationToken) : null;
                var wal = walPath is null ? null : await SqliteWalFlush.OpenAsync(connection, walPath, flushWal, cancellationToken);
                return new Writer(lease, new RowCommands(connection, SqliteDialect.Instance) { HandleStepsEnabled = options.HandleSteps }, wal, tempStore);
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
}
