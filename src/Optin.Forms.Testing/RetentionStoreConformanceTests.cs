using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The store contract of the retention of what the library itself keeps (RET-4): finished jobs and erasure tombstones
/// deleted in batches, nothing else; the intermediate archive. Each store subclasses this with its own factory.
/// </summary>
public abstract class RetentionStoreConformanceTests
{
    private static readonly Instant T0 = StoreTestData.Now;
    private static readonly Duration Day = Duration.FromDays(1);

    /// <summary>A new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>DeleteFinishedJobsAsync, deletes finished jobs before the cutoff in batches: never pending or running.</summary>
    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task DeleteFinishedJobsAsync_DeletesFinishedJobsBeforeTheCutoffInBatches_NeverPendingOrRunning()
    {
        var store = await CreateStoreAsync();
        var c = Guid.NewGuid();
        var done = Job(c, T0);
        var skipped = Job(c, T0);
        var dead = Job(c, T0);
        var running = Job(c, T0);
        var cancelled = Job(Guid.NewGuid(), T0 + Duration.FromDays(1000));
        var pending = Job(Guid.NewGuid(), T0 + Duration.FromDays(1000));
        var later = Job(Guid.NewGuid(), T0 + Duration.FromDays(10));
        await EnqueueAsync(store, done, skipped, dead, running, cancelled, pending, later);
        Assert.Equal(4, (await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromDays(3650), 10, default)).Count);
        Assert.True(await store.Jobs.CompleteJobAsync(done.Id, "w1", JobStatus.Done, null, T0, default));
        Assert.True(await store.Jobs.CompleteJobAsync(skipped.Id, "w1", JobStatus.Skipped, "withdrawn", T0, default));
        Assert.True(await store.Jobs.CompleteJobAsync(dead.Id, "w1", JobStatus.DeadLettered, "550", T0, default));
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Jobs.CancelAsync(cancelled.ContactId!.Value, null, "erased", T0, default));
            await tx.CommitAsync(default);
        }

        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromDays(10), Duration.FromMinutes(1), 1, default));
        Assert.True(await store.Jobs.CompleteJobAsync(later.Id, "w2", JobStatus.Done, null, T0 + Duration.FromDays(10), default));

        var cutoff = T0 + Duration.FromDays(5);
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            await using var tx = await store.BeginTransactionAsync(default);
            counts.Add(await tx.Retention.DeleteFinishedJobsAsync(cutoff, 3, default));
            await tx.CommitAsync(default);
        }

        Assert.Equal([3, 1, 0], counts);
        var left = await store.Jobs.ListJobsAsync(null, default).Select(j => j.Id).ToListAsync();
        Assert.Equal(new[] { running.Id, pending.Id, later.Id }.Order(), left.Order());
        Assert.Null(await store.Jobs.FindJobAsync(done.Id, default));

        // The queue still works after the deletion: a new job is claimed, a pending one is cancelled by contact.
        var next = Job(Guid.NewGuid(), T0 + Duration.FromDays(20));
        await EnqueueAsync(store, next);
        Assert.Equal(next.Id, Assert.Single(await store.Jobs.ClaimDueJobsAsync("w3", T0 + Duration.FromDays(20), Duration.FromMinutes(1), 10, default)).Id);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Jobs.CancelAsync(pending.ContactId!.Value, null, "erased", T0, default));
            await tx.CommitAsync(default);
        }
    }

    /// <summary>DeleteFinishedJobsAsync, rolled back: deletes nothing.</summary>
    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task DeleteFinishedJobsAsync_RolledBack_DeletesNothing()
    {
        var store = await CreateStoreAsync();
        var job = Job(Guid.NewGuid(), T0);
        await EnqueueAsync(store, job);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Jobs.CancelAsync(job.ContactId!.Value, null, "erased", T0, default));
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Retention.DeleteFinishedJobsAsync(T0 + Day, 10, default));
        }

        Assert.NotNull(await store.Jobs.FindJobAsync(job.Id, default));
    }

    /// <summary>DeleteTombstonesAsync, deletes only old erasure tombstones: every other entry stays.</summary>
    [Fact]
    [Trait("Requirement", "RET-4")]
    [Trait("Requirement", "CONS-8")]
    public async Task DeleteTombstonesAsync_DeletesOnlyOldErasureTombstones_EveryOtherEntryStays()
    {
        var store = await CreateStoreAsync();
        var erased = await SaveContactAsync(store, "erased@exemple.fr");
        var kept = await SaveContactAsync(store, "kept@exemple.fr");
        var lateErased = await SaveContactAsync(store, "late@exemple.fr");
        var given = Entry(kept.Id, ConsentEventKind.Given, T0);
        var expired = Entry(kept.Id, ConsentEventKind.Expired, T0);
        var sentAfter = Entry(erased.Id, ConsentEventKind.EmailSent, T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Ledger.AppendAsync([Entry(erased.Id, ConsentEventKind.Given, T0), given, expired], default);
            Assert.True(await tx.Contacts.EraseAsync(erased.Id, Entry(erased.Id, ConsentEventKind.Erased, T0), default));
            await tx.Ledger.AppendAsync([sentAfter], default);
            Assert.True(await tx.Contacts.EraseAsync(lateErased.Id, Entry(lateErased.Id, ConsentEventKind.Erased, T0 + Duration.FromDays(10)), default));
            await tx.CommitAsync(default);
        }

        int first, second;
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            first = await tx.Retention.DeleteTombstonesAsync(T0 + Duration.FromDays(5), 10, default);
            second = await tx.Retention.DeleteTombstonesAsync(T0 + Duration.FromDays(5), 10, default);
            await tx.CommitAsync(default);
        }

        Assert.Equal((1, 0), (first, second));
        Assert.Equal([sentAfter.Id], await store.Ledger.ReadAsync(erased.Id, default).Select(e => e.Id).ToListAsync());
        Assert.Equal([given.Id, expired.Id], await store.Ledger.ReadAsync(kept.Id, default).Select(e => e.Id).ToListAsync());
        Assert.Equal(ConsentEventKind.Erased, Assert.Single(await store.Ledger.ReadAsync(lateErased.Id, default).ToListAsync()).Kind);
    }

    /// <summary>DeleteTombstonesAsync: takes at most max count oldest first.</summary>
    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task DeleteTombstonesAsync_TakesAtMostMaxCountOldestFirst()
    {
        var store = await CreateStoreAsync();
        var ids = new List<Guid>();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            for (var i = 0; i < 3; i++)
            {
                var contact = await SaveContactAsync(tx, $"c{i}@exemple.fr");
                Assert.True(await tx.Contacts.EraseAsync(contact.Id, Entry(contact.Id, ConsentEventKind.Erased, T0 + Duration.FromMinutes(i)), default));
                ids.Add(contact.Id);
            }

            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(2, await tx.Retention.DeleteTombstonesAsync(T0 + Day, 2, default));
            await tx.CommitAsync(default);
        }

        Assert.Empty(await store.Ledger.ReadAsync(ids[0], default).ToListAsync());
        Assert.Empty(await store.Ledger.ReadAsync(ids[1], default).ToListAsync());
        Assert.Single(await store.Ledger.ReadAsync(ids[2], default).ToListAsync());
    }

    /// <summary>ArchivedProof: round trips replaces and is purged after keep until in batches.</summary>
    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task ArchivedProof_RoundTripsReplacesAndIsPurgedAfterKeepUntilInBatches()
    {
        var store = await CreateStoreAsync();
        var first = new ArchivedProof(Guid.NewGuid(), T0, T0 + Duration.FromDays(1826), """{"schema":"optin.evidence/1","text":"J'accepte — oui"}""");
        var second = first with { ContactId = Guid.NewGuid(), KeepUntil = T0 + Duration.FromDays(1827) };
        var third = first with { ContactId = Guid.NewGuid(), KeepUntil = T0 + Duration.FromDays(3000) };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.ArchivedProofs.SaveAsync(first with { Document = "{}" }, default);
            await tx.ArchivedProofs.SaveAsync(first, default);
            await tx.ArchivedProofs.SaveAsync(second, default);
            await tx.ArchivedProofs.SaveAsync(third, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(first, await tx.ArchivedProofs.FindAsync(first.ContactId, default));
            Assert.Null(await tx.ArchivedProofs.FindAsync(Guid.NewGuid(), default));
            Assert.Equal(0, await tx.ArchivedProofs.DeleteExpiredAsync(T0 + Duration.FromDays(1826) - Duration.FromMilliseconds(1), 10, default));
            Assert.Equal(1, await tx.ArchivedProofs.DeleteExpiredAsync(T0 + Duration.FromDays(2000), 1, default));
            Assert.Equal(1, await tx.ArchivedProofs.DeleteExpiredAsync(T0 + Duration.FromDays(2000), 10, default));
            await tx.CommitAsync(default);
        }

        await using var read = await store.BeginTransactionAsync(default);
        Assert.Null(await read.ArchivedProofs.FindAsync(first.ContactId, default));
        Assert.Null(await read.ArchivedProofs.FindAsync(second.ContactId, default));
        Assert.Equal(third, await read.ArchivedProofs.FindAsync(third.ContactId, default));
    }

    private static JobRecord Job(Guid contactId, Instant due) => StoreTestData.Job(contactId, due, "SendEmail");

    private static Task EnqueueAsync(IOptinStore store, params JobRecord[] jobs) => StoreTestData.EnqueueAsync(store, jobs);

    private static async Task<Contact> SaveContactAsync(IOptinStore store, string email)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        var contact = await SaveContactAsync(tx, email);
        await tx.CommitAsync(default);
        return contact;
    }

    private static async Task<Contact> SaveContactAsync(IOptinTransaction tx, string email)
    {
        var contact = new Contact { Id = Guid.NewGuid(), Email = email, EmailKey = email, CreatedAt = T0, UpdatedAt = T0, LastActivityAt = T0 };
        await tx.Contacts.SaveAsync(contact, default);
        return contact;
    }

    private static ConsentEvent Entry(Guid contactId, ConsentEventKind kind, Instant at) => new()
    {
        Id = Guid.NewGuid(), ContactId = contactId, Kind = kind, State = OptinState.None, Method = ConsentMethod.System, OccurredAt = at,
        PurposeId = kind == ConsentEventKind.Erased ? "*" : "newsletter",
    };
}
