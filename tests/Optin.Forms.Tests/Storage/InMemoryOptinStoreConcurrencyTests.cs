using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
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
