using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Storage;

/// <summary>
/// The in-memory store's job queue index (due jobs by due instant, running jobs by lease expiry, jobs by contact) gives
/// the same answers as a scan of every job would, through commits, rollbacks, leases and cancellations.
/// </summary>
public sealed class InMemoryJobQueueTests
{
    private static readonly Instant T0 = Some.Now;
    private static readonly Duration Lease = Duration.FromMinutes(5);

    [Fact]
    public async Task ClaimDueJobsAsync_SeveralDue_ClaimsByDueInstantThenCreationOrderUpToMaxCount()
    {
        using var store = new InMemoryOptinStore();
        var late = Job() with { DueAt = T0 + Duration.FromSeconds(2) };
        var first = Job();
        var second = Job();
        var notYet = Job() with { DueAt = T0 + Duration.FromDays(1) };
        await EnqueueAsync(store, late, first, notYet, second);

        var claimed = await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromSeconds(5), Lease, 2, default);
        var rest = await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromSeconds(5), Lease, 10, default);

        Assert.Equal([first.Id, second.Id], claimed.Select(j => j.Id));
        Assert.Equal([late.Id], rest.Select(j => j.Id));
    }

    [Fact]
    public async Task ClaimDueJobsAsync_ExpiredLeaseAmongPending_ClaimsInDueOrder()
    {
        using var store = new InMemoryOptinStore();
        var early = Job();
        await EnqueueAsync(store, early);
        await store.Jobs.ClaimDueJobsAsync("w1", T0, Lease, 10, default);
        var pending = Job() with { DueAt = T0 + Duration.FromMinutes(1) };
        await EnqueueAsync(store, pending);

        var claimed = await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(6), Lease, 1, default);

        var job = Assert.Single(claimed);
        Assert.Equal(early.Id, job.Id);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(pending.Id, Assert.Single(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(6), Lease, 1, default)).Id);
    }

    [Fact]
    public async Task ClaimDueJobsAsync_CompletedInTransaction_IsNotReclaimedAfterTheLease()
    {
        using var store = new InMemoryOptinStore();
        var job = Job();
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w", T0, Lease, 10, default);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.True(await tx.Jobs.CompleteAsync(job.Id, "w", JobStatus.Done, null, T0, default));
            await tx.CommitAsync(default);
        }

        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromDays(1), Lease, 10, default));
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task CancelJobsAsync_CommittedAndSameTransactionJobs_CancelsBothAndNeitherIsClaimed()
    {
        using var store = new InMemoryOptinStore();
        var contact = Guid.NewGuid();
        var committed = Job(contact);
        var other = Job();
        await EnqueueAsync(store, committed, other);
        var fresh = Job(contact);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(fresh, default);
            Assert.Equal(2, await tx.Jobs.CancelAsync(contact, null, "erased", T0, default));
            await tx.CommitAsync(default);
        }

        var claimed = await store.Jobs.ClaimDueJobsAsync("w", T0, Lease, 10, default);

        Assert.Equal([other.Id], claimed.Select(j => j.Id));
        Assert.Equal(JobStatus.Cancelled, (await store.Jobs.FindJobAsync(fresh.Id, default))!.Status);
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task CancelJobsAsync_RolledBack_LeavesTheJobClaimable()
    {
        using var store = new InMemoryOptinStore();
        var contact = Guid.NewGuid();
        var job = Job(contact);
        await EnqueueAsync(store, job);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Jobs.CancelAsync(contact, "newsletter", "withdrawn", T0, default));
        }

        Assert.Equal(job.Id, Assert.Single(await store.Jobs.ClaimDueJobsAsync("w", T0, Lease, 10, default)).Id);
    }

    [Fact]
    public async Task RetryJobAsync_Later_IsClaimedAgainOnlyWhenDue()
    {
        using var store = new InMemoryOptinStore();
        var job = Job();
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w", T0, Lease, 10, default);
        Assert.True(await store.Jobs.RetryJobAsync(job.Id, "w", T0 + Duration.FromHours(1), "timeout", default));

        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromMinutes(30), Lease, 10, default));
        Assert.Equal(job.Id, Assert.Single(await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromHours(1), Lease, 10, default)).Id);
    }

    private static async Task EnqueueAsync(InMemoryOptinStore store, params JobRecord[] jobs)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        foreach (var job in jobs)
        {
            await tx.Jobs.EnqueueAsync(job, default);
        }

        await tx.CommitAsync(default);
    }

    private static JobRecord Job(Guid? contactId = null) => new()
    {
        Id = Guid.NewGuid(),
        Action = "SendEmail",
        ContactId = contactId ?? Guid.NewGuid(),
        PurposeId = "newsletter",
        Payload = "{}",
        CreatedAt = T0,
        DueAt = T0,
    };
}
