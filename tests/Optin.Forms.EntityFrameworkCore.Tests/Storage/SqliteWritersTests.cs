using Microsoft.Data.Sqlite;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// The SQLite writers belong to the host (a singleton of its service provider), not to the process: two hosts have two
/// writers, on two files or on one, and a host disposed closes its own.
/// </summary>
public sealed class SqliteWritersTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TwoHosts_TwoFiles_EachHasAWriterOfItsOwn()
    {
        await using var first = await StoreHost.SqliteAsync();
        await using var second = await StoreHost.SqliteAsync();
        var firstContact = Contact("first@exemple.fr");
        var secondContact = Contact("second@exemple.fr");

        await SaveAsync(first.Store, firstContact);
        await SaveAsync(second.Store, secondContact);

        Assert.NotSame(await SqliteGroupCommitTests.WriterAsync(first), await SqliteGroupCommitTests.WriterAsync(second));
        Assert.NotNull(await first.Store.Contacts.FindAsync(firstContact.Id, None));
        Assert.Null(await first.Store.Contacts.FindAsync(secondContact.Id, None));
        Assert.NotNull(await second.Store.Contacts.FindAsync(secondContact.Id, None));
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task TwoHosts_SameFile_TakeTurnsThroughSQLiteLockAndLoseNoWrite()
    {
        await using var first = await StoreHost.SqliteAsync();
        await using var second = await first.SiblingAsync();
        var firstWriter = await SqliteGroupCommitTests.WriterAsync(first);
        Assert.NotSame(firstWriter, await SqliteGroupCommitTests.WriterAsync(second));

        // While the first host's group holds SQLite's write lock, the second host's transaction waits for it
        // (BEGIN IMMEDIATE and the busy timeout), then goes on: no SQLITE_BUSY reaches the caller.
        var holder = await first.Store.BeginTransactionAsync(None);
        await holder.Contacts.SaveAsync(Contact("holder@exemple.fr"), None);
        // On a thread of its own: Microsoft.Data.Sqlite waits for a busy database synchronously, inside BEGIN IMMEDIATE.
        var waiting = Task.Run(() => SaveAsync(second.Store, Contact("waiting@exemple.fr")));
        await Task.WhenAny(waiting, Task.Delay(300)); // a bound, not an assertion on time: it must still be waiting
        Assert.False(waiting.IsCompleted);
        await holder.CommitAsync(None);
        await holder.DisposeAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(60));

        // Both hosts writing at once, several transactions each: every one committed, once.
        var writes = Enumerable.Range(0, 4).SelectMany(loop => new[]
        {
            LoopAsync(first.Store, $"a{loop}", 25),
            LoopAsync(second.Store, $"b{loop}", 25),
        }).ToList();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(2 + 200, await first.Store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.Equal(2 + 200, await second.Store.Contacts.CountAsync(new ContactQuery(), None));
    }

    [Fact]
    public async Task DisposeHost_ClosesItsWriter_AndRefusesLaterTransactions()
    {
        await using var host = await StoreHost.SqliteAsync();
        var writer = await SqliteGroupCommitTests.WriterAsync(host);
        var contact = Contact("kept@exemple.fr");
        await SaveAsync(host.Store, contact);
        Assert.NotNull(writer.OpenWriter);
        var store = host.Store;

        await host.Services.DisposeAsync();

        Assert.Null(writer.OpenWriter);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.BeginTransactionAsync(None));

        // Committed before the host went: on disk, for the next host on the file.
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM optin_contacts";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Bulk_TurnAloneInItsGroup_KeepsNoSavepoint()
    {
        await using var host = await StoreHost.SqliteAsync();
        await SaveAsync(host.Store, Contact("jean@exemple.fr"));
        await using var tx = (EntityFrameworkCoreOptinTransaction)await host.Store.BeginTransactionAsync(None);

        Assert.Equal(1, await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(), Change(), None));

        // No savepoint left to roll back to: SQLite keeps no copy of the pages the change wrote.
        var error = await Assert.ThrowsAsync<SqliteException>(async () => await tx.Rows.ExecuteAsync("ROLLBACK TO SAVEPOINT optin_turn", None));
        Assert.Contains("no such savepoint", error.Message, StringComparison.Ordinal);
        await tx.CommitAsync(None);
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Bulk_QueuedBehindACommittedTurn_CommitsThatTurnFirst_AndItsRollbackLosesOnlyTheBulk()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await SqliteGroupCommitTests.WriterAsync(host);
        var jean = Contact("jean@exemple.fr");
        var first = await store.BeginTransactionAsync(None);
        await first.Contacts.SaveAsync(jean, None);
        var bulkEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bulkMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bulk = Task.Run(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            bulkEntered.SetResult();
            Assert.Equal(1, await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(), Change(), None));
            await bulkMayEnd.Task;

            // Disposed without a commit: rolled back.
        });
        while (writer.Waiting == 0)
        {
            await Task.Yield();
        }

        // The first transaction's commit is queued behind the bulk's turn, in the same group; the bulk turn commits
        // that group before it writes, so the first caller is answered while the bulk is still open.
        var committed = first.CommitAsync(None).AsTask();
        await bulkEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await committed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(bulk.IsCompleted);
        bulkMayEnd.SetResult();
        await bulk.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        Assert.NotNull(await store.Contacts.FindAsync(jean.Id, None));
        Assert.Empty(await store.Ledger.ReadAsync(jean.Id, None).ToListAsync());
    }

    private static BulkOptinChange Change() => new("newsletter", OptinState.OptedIn, true, new ConsentEvent
    {
        Id = Guid.Empty,
        ContactId = Guid.Empty,
        Kind = ConsentEventKind.SetInBulk,
        State = OptinState.OptedIn,
        Method = ConsentMethod.Bulk,
        OccurredAt = Instant.FromUtc(2026, 11, 2, 9, 0),
        PurposeId = "newsletter",
        Actor = "test",
        Reason = "paper forms",
        LegalBasis = "consent",
    });

    private static async Task LoopAsync(IOptinStore store, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await SaveAsync(store, Contact($"{prefix}.{i}@exemple.fr"));
        }
    }

    private static async Task SaveAsync(IOptinStore store, Contact contact)
    {
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(contact, None);
        await tx.CommitAsync(None);
    }

    private static Contact Contact(string email) => new()
    {
        Id = Guid.NewGuid(),
        Email = email,
        EmailKey = email,
        CreatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
        UpdatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
        LastActivityAt = Instant.FromUtc(2026, 11, 1, 9, 0),
    };
}
