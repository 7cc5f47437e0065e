using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The contract every store keeps for the operator's side of the job queue (<see cref="IJobQueueAdmin"/>): health counts,
/// dead letters and mail failures latest first, retry and discard of a dead letter only.
/// </summary>
public abstract class JobQueueAdminConformanceTests
{
    private static readonly Instant T0 = StoreTestData.Now;
    private static readonly Duration Lease = Duration.FromMinutes(5);

    /// <summary>A new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>GetHealthAsync counts due, scheduled, running and dead-lettered jobs, and gives the oldest due instant.</summary>
    [Fact]
    public async Task GetHealthAsync_MixedQueue_CountsEachStatusAndOldestDue()
    {
        var store = await CreateStoreAsync();
        Assert.Equal(new QueueHealth(0, 0, 0, 0, null), await store.JobQueue.GetHealthAsync(T0, default));
        await DeadLetterAsync(store, "Permanent delivery failure (550): mailbox unavailable", T0);
        await StoreTestData.EnqueueAsync(store, Job(T0 + Duration.FromMinutes(1)));
        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0 + Duration.FromMinutes(1), Lease, 1, default));
        await StoreTestData.EnqueueAsync(store, Job(T0 + Duration.FromMinutes(2)), Job(T0 + Duration.FromMinutes(3)), Job(T0 + Duration.FromDays(1)));

        var health = await store.JobQueue.GetHealthAsync(T0 + Duration.FromMinutes(10), default);

        Assert.Equal(new QueueHealth(2, 1, 1, 1, T0 + Duration.FromMinutes(2)), health);
        Assert.Equal(Duration.FromMinutes(8), health.OldestDueAge(T0 + Duration.FromMinutes(10)));
    }

    /// <summary>
    /// GetHealthAsync: a job due exactly now is due, one due a millisecond later is scheduled, a finished job (done or skipped) counts nowhere,
    /// a running job whose lease ran out still counts as running, and the oldest due job is found whatever the order of
    /// enqueueing.
    /// </summary>
    [Fact]
    public async Task GetHealthAsync_FinishedAndBoundaryJobs_DueAtNowCountedFinishedIgnored()
    {
        var store = await CreateStoreAsync();
        var running = Job(T0 - Duration.FromHours(2));
        var dead = Job(T0 - Duration.FromHours(2) + Duration.FromMilliseconds(1));
        var done = Job(T0 - Duration.FromHours(2) + Duration.FromMilliseconds(2));
        var skipped = Job(T0 - Duration.FromHours(2) + Duration.FromMilliseconds(3));
        await StoreTestData.EnqueueAsync(store, running, dead, done, skipped);
        Assert.Equal(4, (await store.Jobs.ClaimDueJobsAsync("w1", T0 - Duration.FromHours(1), Lease, 4, default)).Count);
        Assert.True(await store.Jobs.CompleteJobAsync(dead.Id, "w1", JobStatus.DeadLettered, "550", T0, default));
        Assert.True(await store.Jobs.CompleteJobAsync(done.Id, "w1", JobStatus.Done, null, T0, default));
        Assert.True(await store.Jobs.CompleteJobAsync(skipped.Id, "w1", JobStatus.Skipped, "withdrawn", T0, default));
        await StoreTestData.EnqueueAsync(store, Job(T0), Job(T0 + Duration.FromMilliseconds(1)), Job(T0 - Duration.FromMinutes(10)));

        var health = await store.JobQueue.GetHealthAsync(T0, default);

        Assert.Equal(new QueueHealth(2, 1, 1, 1, T0 - Duration.FromMinutes(10)), health);
    }

    /// <summary>ListDeadLettersAsync pages the dead letters, the most recently given up first, with their reason.</summary>
    [Fact]
    public async Task ListDeadLettersAsync_Paged_LatestFirstWithReason()
    {
        var store = await CreateStoreAsync();
        var first = await DeadLetterAsync(store, "Unknown action 'Nope'.", T0);
        var second = await DeadLetterAsync(store, "Gave up after 8 attempts: IOException", T0 + Duration.FromMinutes(1));
        var third = await DeadLetterAsync(store, "Permanent delivery failure (550): mailbox unavailable", T0 + Duration.FromMinutes(2));
        await StoreTestData.EnqueueAsync(store, Job(T0));

        var page1 = await store.JobQueue.ListDeadLettersAsync(0, 2, default);
        var page2 = await store.JobQueue.ListDeadLettersAsync(2, 2, default);

        Assert.Equal([third, second], page1.Select(j => j.Id));
        Assert.Equal([first], page2.Select(j => j.Id));
        Assert.Equal("Unknown action 'Nope'.", page2[0].LastError);
        Assert.All(page1.Concat(page2), j => Assert.Equal(JobStatus.DeadLettered, j.Status));
    }

    /// <summary>ListMailFailuresAsync keeps the jobs whose last attempt failed with a mail error, latest first, up to the count.</summary>
    [Fact]
    public async Task ListMailFailuresAsync_MixedFailures_OnlyMailErrorsLatestFirst()
    {
        var store = await CreateStoreAsync();
        var permanent = await DeadLetterAsync(store, "Permanent delivery failure (550): mailbox unavailable", T0);
        var gaveUp = await DeadLetterAsync(store, "Gave up after 8 attempts: MailDeliveryException: connection refused", T0 + Duration.FromMinutes(1));
        await DeadLetterAsync(store, "Gave up after 8 attempts: IOException", T0 + Duration.FromMinutes(2));
        await DeadLetterAsync(store, "Unknown action 'Nope'.", T0 + Duration.FromMinutes(3));
        var retrying = Job(T0);
        await StoreTestData.EnqueueAsync(store, retrying);
        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0, Lease, 10, default));
        Assert.True(await store.Jobs.RetryJobAsync(retrying.Id, "w1", T0 + Duration.FromMinutes(30), "MailDeliveryException: timeout", default));

        var failures = await store.JobQueue.ListMailFailuresAsync(20, default);
        var latest = await store.JobQueue.ListMailFailuresAsync(1, default);

        Assert.Equal([retrying.Id, gaveUp, permanent], failures.Select(j => j.Id));
        Assert.Equal("MailDeliveryException: timeout", failures[0].LastError);
        Assert.Equal([retrying.Id], latest.Select(j => j.Id));
    }

    /// <summary>RequeueDeadLetterAsync makes a dead letter pending and due, attempts reset; it refuses a job that is not dead-lettered.</summary>
    [Fact]
    public async Task RequeueDeadLetterAsync_DeadLetter_PendingDueWithAttemptsReset()
    {
        var store = await CreateStoreAsync();
        var id = await DeadLetterAsync(store, "Gave up after 1 attempts: MailDeliveryException: timeout", T0);
        var now = T0 + Duration.FromHours(1);

        Assert.True(await store.JobQueue.RequeueDeadLetterAsync(id, now, "Retried by dpo: relay fixed", default));
        Assert.False(await store.JobQueue.RequeueDeadLetterAsync(id, now, "again", default));
        Assert.False(await store.JobQueue.RequeueDeadLetterAsync(Guid.NewGuid(), now, "none", default));

        var job = await store.Jobs.FindJobAsync(id, default);
        Assert.NotNull(job);
        Assert.Equal((JobStatus.Pending, now, 0, "Retried by dpo: relay fixed", (Instant?)null), (job.Status, job.DueAt, job.Attempts, job.LastError, job.FinishedAt));
        var claimed = Assert.Single(await store.Jobs.ClaimDueJobsAsync("w2", now, Lease, 10, default));
        Assert.Equal((id, 1), (claimed.Id, claimed.Attempts));
        Assert.Equal(0, (await store.JobQueue.GetHealthAsync(now, default)).DeadLettered);
    }

    /// <summary>DiscardDeadLetterAsync cancels a dead letter (kept, finished, with the note) and refuses any other job.</summary>
    [Fact]
    public async Task DiscardDeadLetterAsync_DeadLetter_CancelledAndKept()
    {
        var store = await CreateStoreAsync();
        var id = await DeadLetterAsync(store, "Permanent delivery failure (550): mailbox unavailable", T0);
        var pending = Job(T0);
        await StoreTestData.EnqueueAsync(store, pending);
        var at = T0 + Duration.FromHours(2);

        Assert.True(await store.JobQueue.DiscardDeadLetterAsync(id, at, "Discarded by dpo: address gone", default));
        Assert.False(await store.JobQueue.DiscardDeadLetterAsync(id, at, "again", default));
        Assert.False(await store.JobQueue.DiscardDeadLetterAsync(pending.Id, at, "not dead", default));

        var job = await store.Jobs.FindJobAsync(id, default);
        Assert.NotNull(job);
        Assert.Equal((JobStatus.Cancelled, "Discarded by dpo: address gone", (Instant?)at), (job.Status, job.LastError, job.FinishedAt));
        Assert.Equal(JobStatus.Pending, (await store.Jobs.FindJobAsync(pending.Id, default))?.Status);
        Assert.Empty(await store.JobQueue.ListDeadLettersAsync(0, 10, default));
        Assert.Empty(await store.JobQueue.ListMailFailuresAsync(10, default));
    }

    /// <summary>Enqueues a job, claims it and dead-letters it at <paramref name="at"/> with <paramref name="reason"/>.</summary>
    private static async Task<Guid> DeadLetterAsync(IOptinStore store, string reason, Instant at)
    {
        var job = Job(T0 - Duration.FromDays(1));
        await StoreTestData.EnqueueAsync(store, job);
        var claimed = await store.Jobs.ClaimDueJobsAsync("dl", at, Lease, 1, default);
        Assert.Equal(job.Id, Assert.Single(claimed).Id);
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "dl", JobStatus.DeadLettered, reason, at, default));
        return job.Id;
    }

    private static JobRecord Job(Instant dueAt) => StoreTestData.Job(Guid.NewGuid(), dueAt);
}
