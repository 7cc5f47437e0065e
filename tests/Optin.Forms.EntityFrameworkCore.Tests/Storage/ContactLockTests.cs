using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// A contact read inside a write transaction stays the transaction's until it ends: another host's transaction that
/// reads, withdraws or erases that contact waits for it (PostgreSQL: a row lock; SQLite: one writer at a time, from
/// the transaction's start), so neither overwrites the other with a stale copy. Two hosts on one database, as on two
/// machines; every wait is bounded.
/// </summary>
public abstract class ContactLockTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The bound on any wait that should end: a test fails rather than hangs.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>How long the second transaction gets to prove it is not waiting (a bound, not an assertion on time).</summary>
    private static readonly TimeSpan Blocked = TimeSpan.FromMilliseconds(500);

    private static readonly Instant Later = StoreTestData.Now + Duration.FromMinutes(5);

    private protected abstract Task<StoreHost> CreateHostAsync();

    [Fact]
    [Trait("Requirement", "WD-4")]
    [Trait("Requirement", "CONS-8")]
    public async Task UnsubscribeOnAnotherHost_WhileARuleJobHoldsTheContact_WaitsAndTheWithdrawalIsKept()
    {
        await using var host = await CreateHostAsync();
        await using var other = await host.SiblingAsync();
        var contact = await SeedAsync(host.Store, StoreTestData.Contact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, StoreTestData.Now));

        // Transaction 1, a rule job adding a tag, reads the contact (opted in)…
        var outcome = await InterleaveAsync(host.Store, contact.Id,
            // … transaction 2, a one-click unsubscribe on the other host, reads, withdraws and commits…
            async () =>
            {
                await using var tx = await other.Store.BeginTransactionAsync(None);
                var current = await tx.Contacts.FindAsync(contact.Id, None) ?? throw new InvalidOperationException("The contact is gone.");
                await tx.Contacts.SaveAsync(current.WithOptin("newsletter", OptinState.Withdrawn, Later), None);
                await tx.Ledger.AppendAsync([StoreTestData.ConsentEvent(contact.Id, ConsentEventKind.Withdrawn, OptinState.Withdrawn, occurredAt: Later)], None);
                await tx.CommitAsync(None);
            },
            // … and transaction 1 then saves its copy and commits.
            async (tx, read) =>
            {
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            });

        Assert.False(outcome.SecondDidNotWait, "the withdrawal did not wait for the transaction that had read the contact");
        var stored = await host.Store.Contacts.FindAsync(contact.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(OptinState.Withdrawn, stored.GetState("newsletter"));
        Assert.Contains("salon", stored.Tags);
        var ledger = await host.Store.Ledger.ReadAsync(contact.Id, None).ToListAsync();
        Assert.Equal(OptinState.Withdrawn, ledger.Last(e => e.PurposeId == "newsletter").State);
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    [Trait("Requirement", "CONS-8")]
    public async Task ErasureOnAnotherHost_WhileARuleJobHoldsTheContact_WaitsAndTheContactStaysErased()
    {
        await using var host = await CreateHostAsync();
        await using var other = await host.SiblingAsync();
        var contact = await SeedAsync(host.Store, StoreTestData.Contact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, StoreTestData.Now));
        var tombstone = StoreTestData.Tombstone(contact.Id, Later);
        var erased = false;

        // The other host erases someone else first, so that its first erasure's start-up cost is not mistaken for a wait.
        var warmUp = await SeedAsync(host.Store, StoreTestData.Contact("marie@exemple.fr"));
        await using (var tx = await other.Store.BeginTransactionAsync(None))
        {
            Assert.True(await tx.Contacts.EraseAsync(warmUp.Id, StoreTestData.Tombstone(warmUp.Id), None));
            await tx.CommitAsync(None);
        }

        var outcome = await InterleaveAsync(host.Store, contact.Id,
            async () =>
            {
                await using var tx = await other.Store.BeginTransactionAsync(None);
                erased = await tx.Contacts.EraseAsync(contact.Id, tombstone, None);
                await tx.CommitAsync(None);
            },
            async (tx, read) =>
            {
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            });

        Assert.False(outcome.SecondDidNotWait, "the erasure did not wait for the transaction that had read the contact");
        Assert.True(erased);
        Assert.Null(await host.Store.Contacts.FindAsync(contact.Id, None));
        Assert.Null(await host.Store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        var ledger = await host.Store.Ledger.ReadAsync(contact.Id, None).ToListAsync();
        Assert.Equal([tombstone.Id], ledger.Select(e => e.Id));
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    public async Task Save_AContactErasedSinceThisTransactionReadIt_IsRefusedAndNotRecreated()
    {
        await using var host = await CreateHostAsync();
        var contact = await SeedAsync(host.Store, StoreTestData.Contact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, StoreTestData.Now));

        await using (var tx = await host.Store.BeginTransactionAsync(None))
        {
            var read = await tx.Contacts.FindAsync(contact.Id, None);
            Assert.NotNull(read);
            Assert.True(await tx.Contacts.EraseAsync(contact.Id, StoreTestData.Tombstone(contact.Id, Later), None));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None));
            Assert.Contains("erased", refused.Message, StringComparison.Ordinal);

            // The refusal wrote nothing: the erasure still commits whole.
            Assert.Null(await tx.Contacts.FindAsync(contact.Id, None));
            await tx.CommitAsync(None);
        }

        Assert.Null(await host.Store.Contacts.FindAsync(contact.Id, None));
        Assert.Single(await host.Store.Ledger.ReadAsync(contact.Id, None).ToListAsync(), e => e.Kind == ConsentEventKind.Erased);
    }

    /// <summary>
    /// Lock order: a transaction that read a contact by id and saves it under the same address must not need the address
    /// lock a look-up by address on another host already holds while it waits for the contact.
    /// </summary>
    [Fact]
    [Trait("Invariant", "3")]
    public async Task ReadByIdAndSaved_WhileAnotherHostLooksUpTheAddress_BothCommitWithoutDeadlock()
    {
        await using var host = await CreateHostAsync();
        await using var other = await host.SiblingAsync();
        var contact = await SeedAsync(host.Store, StoreTestData.Contact("jean@exemple.fr"));

        var outcome = await InterleaveAsync(host.Store, contact.Id,
            // A sign-up for the same address on the other host: looks the address up, updates the contact.
            async () =>
            {
                await using var tx = await other.Store.BeginTransactionAsync(None);
                var current = await tx.Contacts.FindByEmailKeyAsync(contact.EmailKey, None) ?? throw new InvalidOperationException("The contact is gone.");
                await tx.Contacts.SaveAsync(current with { Fields = current.Fields.SetItem("city", "Lyon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            },
            async (tx, read) =>
            {
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            });

        Assert.False(outcome.SecondDidNotWait, "the look-up by address did not wait for the transaction that had read the contact");
        var stored = await host.Store.Contacts.FindAsync(contact.Id, None);
        Assert.NotNull(stored);
        Assert.Contains("salon", stored.Tags);
        Assert.Equal("Lyon", stored.Fields["city"]);
    }

    private static async Task<Contact> SeedAsync(IOptinStore store, Contact contact)
    {
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(contact, None);
        await tx.Ledger.AppendAsync([StoreTestData.ConsentEvent(contact.Id, ConsentEventKind.Confirmed, contact.GetState("newsletter"))], None);
        await tx.CommitAsync(None);
        return contact;
    }

    /// <summary>
    /// Transaction 1 (on <paramref name="store"/>) reads the contact; <paramref name="second"/> then starts in the
    /// background and gets <see cref="Blocked"/> to finish; then <paramref name="first"/> ends transaction 1, and the
    /// second is awaited (bounded). Transaction 1 is ended even when the test fails, so the second never waits for ever.
    /// </summary>
    private static async Task<Outcome> InterleaveAsync(IOptinStore store, Guid contactId, Func<Task> second,
        Func<IOptinTransaction, Contact, Task> first)
    {
        Task background;
        bool finishedEarly;
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            var read = await tx.Contacts.FindAsync(contactId, None);
            Assert.NotNull(read);
            background = Task.Run(second);
            await Task.WhenAny(background, Task.Delay(Blocked));
            finishedEarly = background.IsCompleted;
            try
            {
                await first(tx, read);
            }
            catch
            {
                await tx.DisposeAsync();
                await background.WaitAsync(Bound).ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
        }

        await background.WaitAsync(Bound);
        return new Outcome(finishedEarly);
    }

    private readonly record struct Outcome(bool SecondDidNotWait);
}

/// <inheritdoc />
public sealed class SqliteContactLockTests : ContactLockTests
{
    private protected override Task<StoreHost> CreateHostAsync() => StoreHost.SqliteAsync();
}

/// <inheritdoc />
[RequiresPostgres]
public sealed class PostgresContactLockTests : ContactLockTests
{
    private protected override Task<StoreHost> CreateHostAsync() => StoreHost.PostgresAsync();
}
