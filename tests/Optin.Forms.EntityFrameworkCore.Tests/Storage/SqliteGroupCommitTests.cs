using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// SQLite group commit: transactions queued behind one another share one database transaction, each in its own
/// savepoint. One rolled back loses only its own writes, and a commit returns only once the group is committed.
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
        await tx.SaveContactAsync(first, None);
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
        await tx.SaveContactAsync(first, None);
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
        await tx.SaveContactAsync(contact, None);
        if (commit)
        {
            await tx.CommitAsync(None);
        }
    }

    [Fact]
    public async Task Writer_ConsecutiveTransactions_ReuseOneConnectionThenCloseItWhenIdle()
    {
        await using var host = await StoreHost.SqliteAsync();
        var store = host.Store;
        var writer = await WriterAsync(host);
        await SaveAsync(store, NewContact("first@exemple.fr"), commit: true);
        var statements = writer.OpenWriter;
        Assert.NotNull(statements);

        // The next group writes with the same connection and its prepared statements.
        await SaveAsync(store, NewContact("second@exemple.fr"), commit: true);
        Assert.Same(statements, writer.OpenWriter);

        // With no write for a second, the connection goes back to the pool; the next write opens a new one.
        await WaitUntilAsync(() => writer.OpenWriter is null);
        var third = NewContact("third@exemple.fr");
        await SaveAsync(store, third, commit: true);
        Assert.NotNull(writer.OpenWriter);
        Assert.NotSame(statements, writer.OpenWriter);
        Assert.Equal(3, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    private static async Task<SqliteGroupCommit> WriterAsync(StoreHost host)
    {
        await using var lease = await host.Services.GetRequiredService<IOptinDbContextSource>().CreateAsync(None);
        return SqliteGroupCommit.For(lease.Context);
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
