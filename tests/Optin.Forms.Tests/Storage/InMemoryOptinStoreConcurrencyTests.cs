using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Testing;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Storage;

/// <summary>
/// The in-memory store's own locking: readers run while transactions commit, and see each transaction whole or not
/// at all.
/// </summary>
public sealed class InMemoryOptinStoreConcurrencyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Readers_WhileTransactionsCommit_NeverSeeHalfATransaction()
    {
        using var store = new InMemoryOptinStore();
        const int Writes = 400;
        using var done = new CancellationTokenSource();
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            await readerStarted.Task;
            for (var i = 0; i < Writes; i++)
            {
                var contact = NewContact($"visiteur.{i}@exemple.fr");
                await using var tx = await store.BeginTransactionAsync(None);
                await tx.Contacts.SaveAsync(contact, None);
                await tx.Ledger.AppendAsync([NewEvent(contact.Id)], None);
                await tx.Submissions.AddAsync(new SubmissionRecord
                {
                    Id = Guid.NewGuid(), FormId = "newsletter", FormVersion = "v1", ContactId = contact.Id, ReceivedAt = Some.Now, Culture = "fr",
                }, None);
                await tx.CommitAsync(None);
            }

            await done.CancelAsync();
        });

        var reads = 0;
        readerStarted.SetResult();
        bool last;
        do
        {
            // One more pass once the writer is done, so every contact is checked at least once.
            last = done.IsCancellationRequested;
            await foreach (var contact in store.Contacts.QueryAsync(new ContactQuery(), None))
            {
                // A contact visible to readers comes with its ledger entry and its submission: one commit.
                Assert.Single(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
                Assert.Single(await store.Submissions.ListByContactAsync(contact.Id, None).ToListAsync());
                Assert.Same(contact, await store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
                reads++;
            }
        }
        while (!last);

        await writer;
        Assert.Equal(Writes, await store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.True(reads >= Writes);
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task RolledBackTransaction_ThenCommitted_SequencesAndIdsOnlyFromTheCommittedOne()
    {
        using var store = new InMemoryOptinStore();
        var contact = NewContact("jean@exemple.fr");
        var discarded = NewEvent(contact.Id);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Ledger.AppendAsync([discarded, NewEvent(contact.Id)], None);
        }

        var kept = NewEvent(contact.Id);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            Assert.Null(await tx.Contacts.FindAsync(contact.Id, None));
            await tx.Contacts.SaveAsync(contact, None);

            // The rolled-back event's id is free again, since that event never reached the ledger.
            await tx.Ledger.AppendAsync([kept, discarded], None);
            await tx.CommitAsync(None);
        }

        var ledger = await store.Ledger.ReadAsync(contact.Id, None).ToListAsync();
        Assert.Equal([kept.Id, discarded.Id], ledger.Select(e => e.Id));
        Assert.Equal([1L, 2L], ledger.Select(e => e.Sequence));
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    [Trait("Requirement", "CONS-8")]
    public async Task Unsubscribe_WhileARuleJobHoldsTheContact_WaitsAndTheWithdrawalIsKept()
    {
        using var store = new InMemoryOptinStore();
        var contact = await SeedAsync(store, NewContact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, Some.Now));

        // Transaction 1, a rule job adding a tag, reads the contact; transaction 2, an unsubscribe, starts meanwhile…
        var secondDidNotWait = await InterleaveAsync(store, contact.Id,
            async () =>
            {
                await using var tx = await store.BeginTransactionAsync(None);
                var current = await tx.Contacts.FindAsync(contact.Id, None) ?? throw new InvalidOperationException("The contact is gone.");
                await tx.Contacts.SaveAsync(current.WithOptin("newsletter", OptinState.Withdrawn, Later), None);
                await tx.Ledger.AppendAsync([NewEvent(contact.Id) with { Kind = ConsentEventKind.Withdrawn, State = OptinState.Withdrawn, OccurredAt = Later }], None);
                await tx.CommitAsync(None);
            },
            // … and transaction 1 saves its copy and commits.
            async (tx, read) =>
            {
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            });

        Assert.False(secondDidNotWait);
        var stored = await store.Contacts.FindAsync(contact.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(OptinState.Withdrawn, stored.GetState("newsletter"));
        Assert.Contains("salon", stored.Tags);
        Assert.Equal(OptinState.Withdrawn, (await store.Ledger.ReadAsync(contact.Id, None).ToListAsync()).Last().State);
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    [Trait("Requirement", "CONS-8")]
    public async Task Erasure_WhileARuleJobHoldsTheContact_WaitsAndTheContactStaysErased()
    {
        using var store = new InMemoryOptinStore();
        var contact = await SeedAsync(store, NewContact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, Some.Now));
        var tombstone = StoreTestData.Tombstone(contact.Id, Later);

        var secondDidNotWait = await InterleaveAsync(store, contact.Id,
            async () =>
            {
                await using var tx = await store.BeginTransactionAsync(None);
                Assert.True(await tx.Contacts.EraseAsync(contact.Id, tombstone, None));
                await tx.CommitAsync(None);
            },
            async (tx, read) =>
            {
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None);
                await tx.CommitAsync(None);
            });

        Assert.False(secondDidNotWait);
        Assert.Null(await store.Contacts.FindAsync(contact.Id, None));
        Assert.Null(await store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        Assert.Equal([tombstone.Id], (await store.Ledger.ReadAsync(contact.Id, None).ToListAsync()).Select(e => e.Id));
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    public async Task Save_AContactErasedSinceThisTransactionReadIt_IsRefusedAndNotRecreated()
    {
        using var store = new InMemoryOptinStore();
        var contact = await SeedAsync(store, NewContact("jean@exemple.fr").WithOptin("newsletter", OptinState.OptedIn, Some.Now));

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            var read = await tx.Contacts.FindByEmailKeyAsync(contact.EmailKey, None);
            Assert.NotNull(read);
            Assert.True(await tx.Contacts.EraseAsync(contact.Id, StoreTestData.Tombstone(contact.Id, Later), None));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await tx.Contacts.SaveAsync(read with { Tags = read.Tags.Add("salon"), UpdatedAt = Later }, None));
            Assert.Contains("erased", refused.Message, StringComparison.Ordinal);
            Assert.Null(await tx.Contacts.FindAsync(contact.Id, None));
            await tx.CommitAsync(None);
        }

        Assert.Null(await store.Contacts.FindAsync(contact.Id, None));
        Assert.Single(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync(), e => e.Kind == ConsentEventKind.Erased);
    }

    private static readonly Instant Later = Some.Now + Duration.FromMinutes(5);

    private static async Task<Contact> SeedAsync(InMemoryOptinStore store, Contact contact)
    {
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(contact, None);
        await tx.Ledger.AppendAsync([NewEvent(contact.Id) with { Kind = ConsentEventKind.Confirmed, State = contact.GetState("newsletter") }], None);
        await tx.CommitAsync(None);
        return contact;
    }

    /// <summary>
    /// Transaction 1 reads the contact; <paramref name="second"/> starts in the background and gets half a second (a
    /// bound, not an assertion on time); <paramref name="first"/> ends transaction 1; the second is awaited, bounded.
    /// </summary>
    /// <returns>Whether the second finished before transaction 1 ended (it should have waited).</returns>
    private static async Task<bool> InterleaveAsync(InMemoryOptinStore store, Guid contactId, Func<Task> second,
        Func<IOptinTransaction, Contact, Task> first)
    {
        Task background;
        bool finishedEarly;
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            var read = await tx.Contacts.FindAsync(contactId, None);
            Assert.NotNull(read);
            background = Task.Run(second);
            await Task.WhenAny(background, Task.Delay(TimeSpan.FromMilliseconds(500)));
            finishedEarly = background.IsCompleted;
            await first(tx, read);
        }

        await background.WaitAsync(TimeSpan.FromSeconds(30));
        return finishedEarly;
    }

    private static Contact NewContact(string email) => new()
    {
        Id = Guid.NewGuid(), Email = email, EmailKey = email, CreatedAt = Some.Now, UpdatedAt = Some.Now, LastActivityAt = Some.Now,
    };

    private static ConsentEvent NewEvent(Guid contactId) => new()
    {
        Id = Guid.NewGuid(), ContactId = contactId, Kind = ConsentEventKind.Given, State = OptinState.PendingConfirmation,
        Method = ConsentMethod.Form, OccurredAt = Some.Now, PurposeId = "newsletter",
    };
}
