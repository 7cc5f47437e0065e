using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// SQLite group commit: transactions queued behind one another share one database transaction, each in its own
/// savepoint. One rolled back loses only its own writes, and a commit returns only once the group is committed and,
/// in WAL mode, once the WAL is synced (by the writer itself, outside the write lock).
/// </summary>
public sealed class SqliteGroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Commit_QueuedTransactionsOneRolledBack_OthersCommittedTogetherWithoutIt()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await WriterAsync(host);
        var first = NewContact("first@exemple.fr");
        var rolledBack = NewContact("rolled.back@exemple.fr");
        var second = NewContact("second@exemple.fr");
        var third = NewContact("third@exemple.fr");

        var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(first, None);
        var queued = new[]
        {
            SaveAsync(store, rolledBack, commit: false),
            SaveAsync(store, second, commit: true),
            SaveAsync(store, third, commit: true),
        };
        await WaitUntilAsync(() => writer.Waiting == queued.Length);
        await tx.CommitAsync(None);

        // The COMMIT queued behind the waiting turns: once the first commit returns, the others' writes are durable
        // too (read here on another connection), and the rolled-back one's are not.
        Assert.NotNull(await store.Contacts.FindAsync(first.Id, None));
        Assert.NotNull(await store.Contacts.FindAsync(second.Id, None));
        Assert.NotNull(await store.Contacts.FindAsync(third.Id, None));
        Assert.Null(await store.Contacts.FindAsync(rolledBack.Id, None));
        await tx.DisposeAsync();
        await Task.WhenAll(queued);
        Assert.Equal(3, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Commit_QueuedTransactionFailsOnADuplicate_TheOthersStayCommitted()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await WriterAsync(host);
        var first = NewContact("jean@exemple.fr");
        var duplicate = NewContact("jean@exemple.fr");
        var other = NewContact("marie@exemple.fr");

        var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(first, None);
        await tx.CommitAsync(None);
        await tx.DisposeAsync();
        var blocker = await store.BeginTransactionAsync(None);
        var failing = SaveAsync(store, duplicate, commit: true);
        var succeeding = SaveAsync(store, other, commit: true);
        await WaitUntilAsync(() => writer.Waiting == 2);
        await blocker.DisposeAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await succeeding;
        Assert.Equal(first.Id, (await store.Contacts.FindByEmailKeyAsync("jean@exemple.fr", None))?.Id);
        Assert.NotNull(await store.Contacts.FindAsync(other.Id, None));
        Assert.Equal(2, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    private static async Task SaveAsync(IOptinStore store, Contact contact, bool commit)
    {
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(contact, None);
        if (commit)
        {
            await tx.CommitAsync(None);
        }
    }

    [Fact]
    public async Task Writer_ConsecutiveTransactions_ReuseOneConnectionThenCloseItWhenIdle()
    {
        var time = new FakeTimeProvider();
        await using var host = await StoreHost.SqliteAsync(b => b.Services.AddSingleton<TimeProvider>(time));
        var store = host.Store;
        var writer = await WriterAsync(host);
        await SaveAsync(store, NewContact("first@exemple.fr"), commit: true);
        var statements = writer.OpenWriter;
        Assert.NotNull(statements);

        // The next group writes with the same connection and its prepared statements.
        await SaveAsync(store, NewContact("second@exemple.fr"), commit: true);
        Assert.Same(statements, writer.OpenWriter);

        // With no write for a second of the host's clock, the connection goes back to the pool; the next write opens a new one.
        await IdleCloseAsync(time, writer);
        var third = NewContact("third@exemple.fr");
        await SaveAsync(store, third, commit: true);
        Assert.NotNull(writer.OpenWriter);
        Assert.NotSame(statements, writer.OpenWriter);
        Assert.Equal(3, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    [Fact]
    public async Task Commit_WalDatabase_WriterCommitsWithNormalAndSyncsTheWalItself()
    {
        await using var host = await StoreHost.SqliteAsync();
        var writer = await WriterAsync(host);
        var flushes = 0;
        writer.FlushWal = wal =>
        {
            Interlocked.Increment(ref flushes);
            SqliteWalFlush.Fsync(wal);
        };

        await SaveAsync(host.Store, NewContact("first@exemple.fr"), commit: true);
        await SaveAsync(host.Store, NewContact("second@exemple.fr"), commit: true);

        Assert.Equal(2, Volatile.Read(ref flushes));
        Assert.Equal(1, await PragmaAsync(writer.OpenWriter!, "synchronous")); // NORMAL: COMMIT writes the WAL, the flush syncs it
    }

    [Fact]
    public async Task Commit_ReturnsOnlyOnceTheWalIsSynced_WhileTheNextGroupAlreadyWrites()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await WriterAsync(host);
        using var disk = new ManualResetEventSlim(false);
        var flushes = 0;
        writer.FlushWal = wal =>
        {
            if (Interlocked.Increment(ref flushes) == 1)
            {
                Assert.True(disk.Wait(TimeSpan.FromSeconds(30)), "the test never released the first sync");
            }

            SqliteWalFlush.Fsync(wal);
        };
        var first = NewContact("first@exemple.fr");
        var second = NewContact("second@exemple.fr");

        var firstCommit = SaveAsync(store, first, commit: true);
        await WaitUntilAsync(() => Volatile.Read(ref flushes) == 1);
        var secondCommit = SaveAsync(store, second, commit: true);

        // The second group commits while the first one's sync is still under way: the write lock was passed on.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (await store.Contacts.FindAsync(second.Id, None) is null)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        // Neither caller is told its write is committed before a sync that started after its COMMIT returned.
        Assert.False(firstCommit.IsCompleted);
        Assert.False(secondCommit.IsCompleted);
        disk.Set();
        await firstCommit;
        await secondCommit;
        Assert.Equal(2, Volatile.Read(ref flushes));
    }

    [Fact]
    public async Task Commit_WalSyncFails_TheCallerIsToldAndTheNextWriteUsesANewConnection()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await WriterAsync(host);
        var flushes = 0;
        writer.FlushWal = wal =>
        {
            if (Interlocked.Increment(ref flushes) == 1)
            {
                throw new IOException("EIO (simulated)");
            }

            SqliteWalFlush.Fsync(wal);
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SaveAsync(store, NewContact("first@exemple.fr"), commit: true));
        Assert.IsType<IOException>(failure.InnerException);
        var broken = writer.OpenWriter;

        // After a failed fsync nothing written through that handle is trusted: the next group opens a new writer.
        var second = NewContact("second@exemple.fr");
        await SaveAsync(store, second, commit: true);
        Assert.NotNull(writer.OpenWriter);
        Assert.NotSame(broken, writer.OpenWriter);
        Assert.NotNull(await store.Contacts.FindAsync(second.Id, None));
        Assert.Equal(2, Volatile.Read(ref flushes));
    }

    [Fact]
    public async Task Commit_RollbackJournal_SQLiteSyncsOnCommitAsConfigured()
    {
        await using var host = await StoreHost.SqliteAsync();
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.Equal("delete", await SqlitePragma.RunAsync(connection, "PRAGMA journal_mode=DELETE", None));
        }

        var writer = await WriterAsync(host);
        var flushes = 0;
        writer.FlushWal = _ => Interlocked.Increment(ref flushes);
        var contact = NewContact("first@exemple.fr");

        await SaveAsync(host.Store, contact, commit: true);

        Assert.Equal(0, Volatile.Read(ref flushes));
        Assert.Equal(2, await PragmaAsync(writer.OpenWriter!, "synchronous")); // FULL, SQLite's default, left alone
        Assert.NotNull(await host.Store.Contacts.FindAsync(contact.Id, None));
    }

    [Fact]
    public async Task Writer_ClosedWhenIdle_GivesItsConnectionBackToThePoolWithSQLiteDefaults()
    {
        var time = new FakeTimeProvider();
        await using var host = await StoreHost.SqliteAsync(b => b.Services.AddSingleton<TimeProvider>(time));
        var writer = await WriterAsync(host);
        await SaveAsync(host.Store, NewContact("first@exemple.fr"), commit: true);
        Assert.Equal(1, await PragmaAsync(writer.OpenWriter!, "synchronous"));
        Assert.Equal(2, await PragmaAsync(writer.OpenWriter!, "temp_store")); // MEMORY

        await IdleCloseAsync(time, writer);

        // Every pooled connection, the writer's included, commits with FULL and keeps temporary storage in files (SQLite's
        // defaults) for whoever takes it next.
        var connections = new List<SqliteConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var connection = new SqliteConnection(host.ConnectionString);
                connections.Add(connection);
                await connection.OpenAsync();
                Assert.Equal("2", await SqlitePragma.RunAsync(connection, "PRAGMA synchronous", None));
                Assert.Equal("0", await SqlitePragma.RunAsync(connection, "PRAGMA temp_store", None));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reads_OutsideTransactions_ReuseOneReaderThatSeesEachCommit_ThenCloseItWhenIdle()
    {
        var time = new FakeTimeProvider();
        await using var host = await StoreHost.SqliteAsync(b => b.Services.AddSingleton<TimeProvider>(time));
        var store = host.Store;
        var writer = await WriterAsync(host);
        Assert.True(writer.CanRead);
        var first = NewContact("first@exemple.fr");
        await SaveAsync(store, first, commit: true);
        Assert.NotNull(await store.Contacts.FindAsync(first.Id, None));
        Assert.Equal(1, writer.IdleReaders); // kept open, with its statements prepared

        // The same connection, a new snapshot: each read outside a transaction sees every commit before it.
        var second = NewContact("second@exemple.fr");
        await SaveAsync(store, second, commit: true);
        Assert.Equal(second.Id, (await store.Contacts.FindByEmailKeyAsync(second.EmailKey, None))?.Id);
        Assert.Equal(1, writer.IdleReaders);

        time.Advance(SqliteGroupCommit.IdleTimeout);
        await WaitUntilAsync(() => writer.IdleReaders == 0);
        Assert.NotNull(await store.Contacts.FindAsync(first.Id, None)); // a new reader once the idle one is closed
        Assert.Equal(1, writer.IdleReaders);
    }

    [Fact]
    public async Task Read_Fails_ItsConnectionIsClosedNotReused()
    {
        await using var host = await StoreHost.SqliteAsync();
        var writer = await WriterAsync(host);
        await Assert.ThrowsAsync<SqliteException>(async () =>
            await writer.ReadAsync((rows, ct) => rows.ReadAsync("SELECT nothing FROM nowhere", r => 0, ct), None));
        Assert.Equal(0, writer.IdleReaders);
        Assert.Equal(1, (await writer.ReadAsync((rows, ct) => rows.ReadAsync("SELECT 1", r => r.GetInt32(0), ct), None))[0]);
        Assert.Equal(1, writer.IdleReaders);
    }

    [Theory]
    [InlineData("Data Source=optin.db", true)]
    [InlineData("Data Source=file:optin?mode=memory&cache=shared", true)]
    [InlineData("Data Source=optin;Mode=Memory;Cache=Shared", true)]
    [InlineData("Data Source=optin;Mode=Memory", false)]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("", false)]
    public void ReachesSameDatabase_OnlyFilesAndSharedMemoryDatabases_UsePlainReaderConnections(string connectionString, bool expected) =>
        Assert.Equal(expected, SqliteGroupCommit.ReachesSameDatabase(connectionString));

    /// <summary>A pragma's value on the writer's connection, read through its prepared statements.</summary>
    private static async Task<long> PragmaAsync(RowCommands rows, string name) =>
        (await rows.ReadAsync("PRAGMA " + name, r => r.GetInt64(0), None))[0];

    internal static async Task<SqliteGroupCommit> WriterAsync(StoreHost host)
    {
        await using var lease = await host.Services.GetRequiredService<IOptinDbContextSource>().CreateAsync(None);
        return host.Services.GetRequiredService<SqliteWriters>().For(lease.Context);
    }

    /// <summary>Advances the host's clock to the writer's idle timeout and waits for the idle close it triggers.</summary>
    private static async Task IdleCloseAsync(FakeTimeProvider time, SqliteGroupCommit writer)
    {
        var idleClose = writer.IdleClose!;
        time.Advance(SqliteGroupCommit.IdleTimeout - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(writer.OpenWriter); // not yet
        time.Advance(TimeSpan.FromMilliseconds(1));
        await idleClose.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(writer.OpenWriter);
    }

    /// <summary>Waits for the other tasks to queue up (a condition, not a duration); fails after 30 s.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private static Contact NewContact(string email) => new()
    {
        Id = Guid.NewGuid(),
        Email = email,
        EmailKey = email,
        CreatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
        UpdatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
        LastActivityAt = Instant.FromUtc(2026, 11, 1, 9, 0),
    };
}
