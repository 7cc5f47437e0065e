using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The contract every store keeps for jobs, tokens, suppression, counters and erasure. Each store subclasses this
/// with its own factory (the in-memory store here, the EF Core stores in their package).
/// </summary>
public abstract class JobAndTokenStoreConformanceTests
{
    private static readonly Instant T0 = StoreTestData.Now;

    /// <summary>A new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>EnqueueJobAsync, rolled back: leaves no job.</summary>
    [Fact]
    public async Task EnqueueJobAsync_RolledBack_LeavesNoJob()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(Job(Guid.NewGuid()), default);
        }

        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default));
    }

    /// <summary>ClaimDueJobsAsync, due and not due: claims only due under lease.</summary>
    [Fact]
    public async Task ClaimDueJobsAsync_DueAndNotDue_ClaimsOnlyDueUnderLease()
    {
        var store = await CreateStoreAsync();
        var due = Job(Guid.NewGuid());
        var later = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromDays(3) };
        await EnqueueAsync(store, due, later);

        var claimed = Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default));

        Assert.Equal(due.Id, claimed.Id);
        Assert.Equal(JobStatus.Running, claimed.Status);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal("w1", claimed.LeaseOwner);
        Assert.Equal(T0 + Duration.FromMinutes(5), claimed.LeaseExpiresAt);
        Assert.Equal("<m1@example.test>", claimed.MessageId);
        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(1), Duration.FromMinutes(5), 10, default));
    }

    /// <summary>ClaimDueJobsAsync, pending and expired leases: claims in due order up to max count.</summary>
    [Fact]
    public async Task ClaimDueJobsAsync_PendingAndExpiredLeases_ClaimsInDueOrderUpToMaxCount()
    {
        var store = await CreateStoreAsync();
        var lease = Duration.FromMinutes(5);
        var first = Job(Guid.NewGuid());
        var third = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromMinutes(1) };
        await EnqueueAsync(store, first, third);
        Assert.Equal(2, (await store.Jobs.ClaimDueJobsAsync("w1", T0 + Duration.FromMinutes(1), lease, 10, default)).Count);
        var second = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromSeconds(30) };
        var fourth = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromMinutes(2) };
        var fifthSameInstant = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromMinutes(2) };
        var notYet = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromDays(1) };
        await EnqueueAsync(store, notYet, fourth, fifthSameInstant, second);

        // w1's leases expired at T0 + 6 min: its jobs and the pending ones come in one order, by due instant, then
        // by creation order.
        var now = T0 + Duration.FromMinutes(7);
        var claimed = await store.Jobs.ClaimDueJobsAsync("w2", now, lease, 2, default);
        var rest = await store.Jobs.ClaimDueJobsAsync("w2", now, lease, 10, default);

        Assert.Equal([first.Id, second.Id], claimed.Select(j => j.Id));
        Assert.Equal([third.Id, fourth.Id, fifthSameInstant.Id], rest.Select(j => j.Id));
        Assert.Equal([2, 1, 2, 1, 1], claimed.Concat(rest).Select(j => j.Attempts));
    }

    /// <summary>ClaimDueJobsAsync, lease expired: reclaims and old owner cannot complete.</summary>
    [Fact]
    public async Task ClaimDueJobsAsync_LeaseExpired_ReclaimsAndOldOwnerCannotComplete()
    {
        var store = await CreateStoreAsync();
        var job = Job(Guid.NewGuid());
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default);

        var again = Assert.Single(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(6), Duration.FromMinutes(5), 10, default));

        Assert.Equal(2, again.Attempts);
        Assert.False(await store.Jobs.CompleteJobAsync(job.Id, "w1", JobStatus.Done, null, T0, default));
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "w2", JobStatus.Done, null, T0, default));
        Assert.Equal(JobStatus.Done, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
    }

    /// <summary>
    /// RenewJobLeaseAsync: the owner extends its lease (even a lapsed one nobody claimed yet) without counting an attempt,
    /// so that no other worker claims the job meanwhile; another worker cannot, nor the former owner once the job was
    /// claimed again, nor anyone once it finished.
    /// </summary>
    [Fact]
    [Trait("Invariant", "4")]
    public async Task RenewJobLeaseAsync_ByItsOwner_ExtendsTheLeaseAndKeepsOthersOff()
    {
        var store = await CreateStoreAsync();
        var lease = Duration.FromMinutes(5);
        var job = Job(Guid.NewGuid());
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w1", T0, lease, 10, default);

        Assert.False(await store.Jobs.RenewJobLeaseAsync(job.Id, "w2", T0 + Duration.FromMinutes(4), lease, default));
        Assert.True(await store.Jobs.RenewJobLeaseAsync(job.Id, "w1", T0 + Duration.FromMinutes(4), lease, default));
        var renewed = (await store.Jobs.FindJobAsync(job.Id, default))!;
        Assert.Equal((JobStatus.Running, "w1", T0 + Duration.FromMinutes(9), 1),
            (renewed.Status, renewed.LeaseOwner, renewed.LeaseExpiresAt, renewed.Attempts));
        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(6), lease, 10, default));
        Assert.True(await store.Jobs.RenewJobLeaseAsync(job.Id, "w1", T0 + Duration.FromMinutes(10), lease, default));
        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(14), lease, 10, default));

        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w2", T0 + Duration.FromMinutes(15), lease, 10, default));
        Assert.False(await store.Jobs.RenewJobLeaseAsync(job.Id, "w1", T0 + Duration.FromMinutes(15), lease, default));
        Assert.False(await store.Jobs.CompleteJobAsync(job.Id, "w1", JobStatus.Done, null, T0 + Duration.FromMinutes(15), default));
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "w2", JobStatus.Done, null, T0 + Duration.FromMinutes(16), default));
        Assert.False(await store.Jobs.RenewJobLeaseAsync(job.Id, "w2", T0 + Duration.FromMinutes(16), lease, default));
        var finished = (await store.Jobs.FindJobAsync(job.Id, default))!;
        Assert.Equal((JobStatus.Done, 2), (finished.Status, finished.Attempts));
    }

    /// <summary>
    /// EnqueueAsync with a trace context: the job keeps the W3C <c>traceparent</c> of the activity that queued it, as it is
    /// read, claimed and retried, so that the worker's activity links to the submission (issue #17, tracing).
    /// </summary>
    [Fact]
    public async Task EnqueueAsync_WithTraceParent_KeepsItThroughClaimAndRetry()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var store = await CreateStoreAsync();
        var traced = Job(Guid.NewGuid()) with { TraceParent = traceParent };
        var untraced = Job(Guid.NewGuid()) with { DueAt = T0 + Duration.FromSeconds(1) };
        await EnqueueAsync(store, traced, untraced);

        Assert.Equal(traceParent, (await store.Jobs.FindJobAsync(traced.Id, default))!.TraceParent);
        var claimed = await store.Jobs.ClaimDueJobsAsync("w1", T0 + Duration.FromSeconds(1), Duration.FromMinutes(5), 10, default);
        Assert.Equal([traceParent, null], claimed.Select(j => j.TraceParent));
        Assert.True(await store.Jobs.RetryJobAsync(traced.Id, "w1", T0 + Duration.FromMinutes(1), "timeout", default));
        Assert.Equal(traceParent, (await store.Jobs.ListJobsAsync(null, default).ToListAsync()).Single(j => j.Id == traced.Id).TraceParent);
    }

    /// <summary>RetryJobAsync, then dead letter: keeps reason.</summary>
    [Fact]
    public async Task RetryJobAsync_ThenDeadLetter_KeepsReason()
    {
        var store = await CreateStoreAsync();
        var job = Job(Guid.NewGuid());
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default);

        Assert.True(await store.Jobs.RetryJobAsync(job.Id, "w1", T0 + Duration.FromMinutes(1), "timeout", default));
        Assert.Empty(await store.Jobs.ClaimDueJobsAsync("w1", T0 + Duration.FromSeconds(59), Duration.FromMinutes(5), 10, default));
        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0 + Duration.FromMinutes(1), Duration.FromMinutes(5), 10, default));
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "w1", JobStatus.DeadLettered, "550 unknown user", T0, default));

        var stored = await store.Jobs.FindJobAsync(job.Id, default);
        Assert.Equal(JobStatus.DeadLettered, stored!.Status);
        Assert.Equal("550 unknown user", stored.LastError);
        Assert.Equal(2, stored.Attempts);
    }

    /// <summary>CancelJobsAsync, contact and purpose: cancels only those pending.</summary>
    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task CancelJobsAsync_ContactAndPurpose_CancelsOnlyThosePending()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var newsletter = Job(contact) with { DueAt = T0 + Duration.FromDays(3) };
        var partners = Job(contact) with { PurposeId = "partners" };
        var other = Job(Guid.NewGuid());
        await EnqueueAsync(store, newsletter, partners, other);

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(1, await tx.Jobs.CancelAsync(contact, "newsletter", "withdrawn", T0, default));
            await tx.CommitAsync(default);
        }

        Assert.Equal(JobStatus.Cancelled, (await store.Jobs.FindJobAsync(newsletter.Id, default))!.Status);
        Assert.Equal(JobStatus.Pending, (await store.Jobs.FindJobAsync(partners.Id, default))!.Status);
        Assert.Equal(2, (await store.Jobs.ClaimDueJobsAsync("w", T0 + Duration.FromDays(4), Duration.FromMinutes(5), 10, default)).Count);
    }

    /// <summary>ConsumeTokenAsync, twice: only first succeeds.</summary>
    [Fact]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "DOI-4")]
    public async Task ConsumeTokenAsync_Twice_OnlyFirstSucceeds()
    {
        var store = await CreateStoreAsync();
        var token = Token(Guid.NewGuid());
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Tokens.SaveAsync(token, default);
            await tx.CommitAsync(default);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(default);
            var consumed = await tx.Tokens.ConsumeAsync(token.Hash, T0, default);
            await tx.CommitAsync(default);
            return consumed;
        })));

        Assert.Equal(1, results.Count(r => r));
        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(T0, (await read.Tokens.FindAsync(token.Hash, default))!.ConsumedAt);
        Assert.Null(await read.Tokens.FindAsync("00", default));
    }

    /// <summary>RevokeTokensAsync, same contact purpose and kind: revokes only those.</summary>
    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task RevokeTokensAsync_SameContactPurposeAndKind_RevokesOnlyThose()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var confirm = Token(contact);
        var unsubscribe = Token(contact) with { Hash = "bb", Kind = TokenKind.Unsubscribe };
        await using var tx = await store.BeginTransactionAsync(default);
        await tx.Tokens.SaveAsync(confirm, default);
        await tx.Tokens.SaveAsync(unsubscribe, default);

        Assert.Equal(1, await tx.Tokens.RevokeAsync(contact, "NEWSLETTER", TokenKind.Confirm, T0, default));
        Assert.NotNull((await tx.Tokens.FindAsync(confirm.Hash, default))!.ConsumedAt);
        Assert.Null((await tx.Tokens.FindAsync(unsubscribe.Hash, default))!.ConsumedAt);
    }

    /// <summary>A preference page token (#20) comes back with its kind, is listed for its contact, and is revoked by consuming it.</summary>
    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task SaveTokenAsync_PreferencesKind_RoundTrips_AndConsumeRevokesIt()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var preferences = Token(contact) with { Hash = "cc", Kind = TokenKind.Preferences, ExpiresAt = T0 + NodaTime.Duration.FromDays(365) };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Tokens.SaveAsync(preferences, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            var found = await tx.Tokens.FindAsync("cc", default);
            Assert.NotNull(found);
            Assert.Equal((TokenKind.Preferences, contact, preferences.PurposeId, preferences.ExpiresAt, (Instant?)null),
                (found.Kind, found.ContactId, found.PurposeId, found.ExpiresAt, found.ConsumedAt));
            Assert.Equal([TokenKind.Preferences], (await tx.Tokens.ListAsync(contact, default)).Select(t => t.Kind));
            Assert.Equal(0, await tx.Tokens.RevokeAsync(contact, "newsletter", TokenKind.Unsubscribe, T0, default));
            Assert.True(await tx.Tokens.ConsumeAsync("cc", T0, default));
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(T0, (await tx.Tokens.FindAsync("cc", default))!.ConsumedAt);
        }
    }

    /// <summary>A confirmation token of several purposes (one email for every purpose of a submission) keeps them, in order.</summary>
    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task SaveTokenAsync_SeveralPurposes_KeepsEveryPurpose()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var several = Token(contact) with { OtherPurposeIds = ["webinar-cohost", "Partners"] };
        var single = StoreTestData.Token(contact, "bb");
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Tokens.SaveAsync(several, default);
            await tx.Tokens.SaveAsync(single, default);
            await tx.CommitAsync(default);
        }

        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(["newsletter", "webinar-cohost", "Partners"], (await read.Tokens.FindAsync(several.Hash, default))!.PurposeIds);
        var found = (await read.Tokens.FindAsync(single.Hash, default))!;
        Assert.Equal(["newsletter"], found.PurposeIds);
        Assert.Empty(found.OtherPurposeIds);
        Assert.Equal(2, (await read.Tokens.ListAsync(contact, default)).Count);
    }

    /// <summary>RevokeTokensAsync, for any purpose of a token of several: revokes the token as a whole, and no other.</summary>
    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task RevokeTokensAsync_OnePurposeOfASeveralPurposeToken_RevokesThatToken()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var several = Token(contact) with { OtherPurposeIds = ["webinar-cohost", "partners"] };
        var other = StoreTestData.Token(contact, "bb") with { PurposeId = "webinar" };
        var prefix = StoreTestData.Token(contact, "cc") with { PurposeId = "offers", OtherPurposeIds = ["webinar-cohost-2"] };
        await using var tx = await store.BeginTransactionAsync(default);
        await tx.Tokens.SaveAsync(several, default);
        await tx.Tokens.SaveAsync(other, default);
        await tx.Tokens.SaveAsync(prefix, default);

        Assert.Equal(1, await tx.Tokens.RevokeAsync(contact, "WEBINAR-COHOST", TokenKind.Confirm, T0, default));
        Assert.Equal(T0, (await tx.Tokens.FindAsync(several.Hash, default))!.ConsumedAt);
        Assert.Null((await tx.Tokens.FindAsync(other.Hash, default))!.ConsumedAt);
        Assert.Null((await tx.Tokens.FindAsync(prefix.Hash, default))!.ConsumedAt);
        Assert.Equal(0, await tx.Tokens.RevokeAsync(contact, "webinar-cohost", TokenKind.Confirm, T0, default));
    }

    /// <summary>SaveSuppressionAsync, then find: returns entry by hash.</summary>
    [Fact]
    [Trait("Requirement", "DOI-9")]
    public async Task SaveSuppressionAsync_ThenFind_ReturnsEntryByHash()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Suppression.SaveAsync(new SuppressionEntry("abc", "not-me", T0, T0 + Duration.FromDays(30)), default);
            await tx.CommitAsync(default);
        }

        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(T0 + Duration.FromDays(30), (await read.Suppression.FindAsync("abc", default))!.ExpiresAt);
        Assert.Null(await read.Suppression.FindAsync("abd", default));
    }

    /// <summary>IncrementCounterAsync, past expiry: starts again.</summary>
    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task IncrementCounterAsync_PastExpiry_StartsAgain()
    {
        var store = await CreateStoreAsync();
        await using var tx = await store.BeginTransactionAsync(default);
        var day = T0 + Duration.FromDays(1);
        Assert.Equal(1, await tx.Counters.IncrementAsync("k", T0, day, default));
        Assert.Equal(2, await tx.Counters.IncrementAsync("k", T0, day, default));
        Assert.Equal(2, await tx.Counters.GetAsync("k", T0 + Duration.FromHours(23), default));
        Assert.Equal(0, await tx.Counters.GetAsync("k", day, default));
        Assert.Equal(1, await tx.Counters.IncrementAsync("k", day, day + Duration.FromDays(1), default));
    }

    /// <summary>AddAsync on a counter: adds the amount in one step, past expiry starts again from it (per-variant figures, #19).</summary>
    [Fact]
    public async Task AddToCounterAsync_AddsTheAmount_PastExpiryStartsAgain()
    {
        var store = await CreateStoreAsync();
        var day = T0 + Duration.FromDays(1);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(5, await tx.Counters.AddAsync("variant|k", 5, T0, day, default));
            Assert.Equal(6, await tx.Counters.IncrementAsync("variant|k", T0, day, default));
            Assert.Equal(13, await tx.Counters.AddAsync("variant|k", 7, T0, day, default));
            await tx.CommitAsync(default);
        }

        await using var next = await store.BeginTransactionAsync(default);
        Assert.Equal(13, await next.Counters.GetAsync("variant|k", T0 + Duration.FromHours(23), default));
        Assert.Equal(3, await next.Counters.AddAsync("variant|k", 3, day, day + Duration.FromDays(1), default));
    }

    /// <summary>IncrementCounterAsync, concurrent transactions checking a cap: never overshoot.</summary>
    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task IncrementCounterAsync_ConcurrentTransactionsCheckingACap_NeverOvershoot()
    {
        var store = await CreateStoreAsync();
        const int Cap = 3;
        var expires = T0 + Duration.FromDays(1);

        // Each transaction increments, then checks the value it got (the send-cap pattern) and commits only under the cap.
        var sent = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(default);
            if (await tx.Counters.IncrementAsync("doi:day:x", T0, expires, default) > Cap)
            {
                return false;
            }

            await tx.CommitAsync(default);
            return true;
        })));

        Assert.Equal(Cap, sent.Count(s => s));
        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(Cap, await read.Counters.GetAsync("doi:day:x", T0, default));
    }

    /// <summary>GetOrAddSettingAsync, committed: keeps the first value.</summary>
    [Fact]
    [Trait("Requirement", "CFG-6")]
    public async Task GetOrAddSettingAsync_Committed_KeepsTheFirstValue()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal("first", await tx.Settings.GetOrAddAsync("s", () => "first", default));
            Assert.Equal("first", await tx.Settings.GetOrAddAsync("s", () => "again", default));
            await tx.CommitAsync(default);
        }

        await using var later = await store.BeginTransactionAsync(default);
        Assert.Equal("first", await later.Settings.GetOrAddAsync("s", () => throw new InvalidOperationException("not called"), default));
        Assert.Equal("other", await later.Settings.GetOrAddAsync("t", () => "other", default));
    }

    /// <summary>GetOrAddSettingAsync, rolled back: stores nothing.</summary>
    [Fact]
    [Trait("Requirement", "CFG-6")]
    public async Task GetOrAddSettingAsync_RolledBack_StoresNothing()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal("discarded", await tx.Settings.GetOrAddAsync("s", () => "discarded", default));
        }

        await using var later = await store.BeginTransactionAsync(default);
        Assert.Equal("kept", await later.Settings.GetOrAddAsync("s", () => "kept", default));
    }

    /// <summary>GetOrAddSettingAsync, concurrent transactions: all get the one stored.</summary>
    [Fact]
    [Trait("Requirement", "CFG-6")]
    public async Task GetOrAddSettingAsync_ConcurrentTransactions_AllGetTheOneStored()
    {
        var store = await CreateStoreAsync();
        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(default);
            var value = await tx.Settings.GetOrAddAsync("key", () => "value-" + i, default);
            await tx.CommitAsync(default);
            return value;
        })));

        Assert.Single(values.Distinct());
        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(values[0], await read.Settings.GetOrAddAsync("key", () => "late", default));
    }

    /// <summary>DeleteExpiredCountersAsync: deletes only expired counters.</summary>
    [Fact]
    [Trait("Requirement", "ABU-6")]
    public async Task DeleteExpiredCountersAsync_DeletesOnlyExpiredCounters()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Counters.IncrementAsync("minute", T0, T0 + Duration.FromMinutes(1), default);
            await tx.Counters.IncrementAsync("day", T0, T0 + Duration.FromDays(1), default);
            await tx.Counters.IncrementAsync("day", T0, T0 + Duration.FromDays(1), default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.Equal(0, await tx.Counters.DeleteExpiredAsync(T0 + Duration.FromSeconds(59), default));
            Assert.Equal(1, await tx.Counters.DeleteExpiredAsync(T0 + Duration.FromMinutes(1), default));
            await tx.CommitAsync(default);
        }

        await using var read = await store.BeginTransactionAsync(default);
        Assert.Equal(0, await read.Counters.DeleteExpiredAsync(T0 + Duration.FromMinutes(2), default));
        Assert.Equal(2, await read.Counters.GetAsync("day", T0 + Duration.FromMinutes(2), default));
        Assert.Equal(1, await read.Counters.IncrementAsync("minute", T0 + Duration.FromMinutes(2), T0 + Duration.FromMinutes(3), default));
    }

    /// <summary>SetOptinInBulkAsync, withdrawal cancelling jobs: cancels only changed contacts pending jobs for the purpose and reports them.</summary>
    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task SetOptinInBulkAsync_WithdrawalCancellingJobs_CancelsOnlyChangedContactsPendingJobsForThePurposeAndReportsThem()
    {
        var store = await CreateStoreAsync();
        var salon = System.Collections.Immutable.ImmutableSortedSet.Create(StringComparer.Ordinal, "salon");
        var optedIn = NewContact("a@exemple.fr", salon).WithOptin("newsletter", OptinState.OptedIn, T0);
        var none = NewContact("b@exemple.fr", salon);
        var withdrawn = NewContact("c@exemple.fr", salon).WithOptin("newsletter", OptinState.Withdrawn, T0);
        var outside = NewContact("d@exemple.fr", []).WithOptin("newsletter", OptinState.OptedIn, T0);
        var cancelled = Job(optedIn.Id);
        var otherPurpose = Job(optedIn.Id) with { PurposeId = "partners" };
        var unchanged = Job(withdrawn.Id);
        var notMatching = Job(outside.Id);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            foreach (var contact in new[] { optedIn, none, withdrawn, outside })
            {
                await tx.Contacts.SaveAsync(contact, default);
            }

            await tx.CommitAsync(default);
        }

        await EnqueueAsync(store, cancelled, otherPurpose, unchanged, notMatching);
        var at = T0 + Duration.FromDays(1);
        var reported = new List<BulkOptinChanged>();
        long changed;
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            var template = new ConsentEvent { Id = Guid.Empty, ContactId = Guid.Empty, Kind = ConsentEventKind.SetInBulk, State = OptinState.Withdrawn, Method = ConsentMethod.Bulk, OccurredAt = at, PurposeId = "newsletter" };
            changed = await tx.Contacts.SetOptinInBulkAsync(new ContactQuery { Tag = "salon" }, new BulkOptinChange("newsletter", OptinState.Withdrawn, false, template)
            {
                CancelJobsReason = "withdrawn",
                OnChanged = (batch, _) =>
                {
                    reported.AddRange(batch);
                    return ValueTask.CompletedTask;
                },
            }, default);
            await tx.CommitAsync(default);
        }

        Assert.Equal(2, changed);
        Assert.Equal(new[] { (optedIn.Id, OptinState.OptedIn), (none.Id, OptinState.None) }.OrderBy(x => x.Item1),
            reported.Select(r => (r.ContactId, r.Previous)).OrderBy(x => x.Item1));
        var job = (await store.Jobs.FindJobAsync(cancelled.Id, default))!;
        Assert.Equal((JobStatus.Cancelled, "withdrawn", (Instant?)at), (job.Status, job.LastError, job.FinishedAt));
        foreach (var kept in new[] { otherPurpose, unchanged, notMatching })
        {
            Assert.Equal(JobStatus.Pending, (await store.Jobs.FindJobAsync(kept.Id, default))!.Status);
        }

        var contactA = (await store.Contacts.FindAsync(optedIn.Id, default))!;
        Assert.Equal((OptinState.Withdrawn, at), (contactA.GetState("newsletter"), contactA.UpdatedAt));
        Assert.Equal(OptinState.Withdrawn, (await store.Contacts.FindAsync(none.Id, default))!.GetState("newsletter"));
        Assert.Equal(T0, (await store.Contacts.FindAsync(withdrawn.Id, default))!.UpdatedAt);
    }

    /// <summary>SetOptinInBulkAsync, no callback: changes without reporting and leaves jobs.</summary>
    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task SetOptinInBulkAsync_NoCallback_ChangesWithoutReportingAndLeavesJobs()
    {
        var store = await CreateStoreAsync();
        var contact = NewContact("a@exemple.fr", []).WithOptin("newsletter", OptinState.PendingConfirmation, T0);
        var job = Job(contact.Id);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(contact, default);
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            var template = new ConsentEvent { Id = Guid.Empty, ContactId = Guid.Empty, Kind = ConsentEventKind.SetInBulk, State = OptinState.OptedIn, Method = ConsentMethod.Bulk, OccurredAt = T0, PurposeId = "newsletter" };
            Assert.Equal(1, await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(), new BulkOptinChange("newsletter", OptinState.OptedIn, true, template), default));
            await tx.CommitAsync(default);
        }

        Assert.Equal(OptinState.OptedIn, (await store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
        Assert.Equal(JobStatus.Pending, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
        Assert.Single(await store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    /// <summary>EraseContactAsync: removes personal data and leaves tombstone.</summary>
    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task EraseContactAsync_RemovesPersonalDataAndLeavesTombstone()
    {
        var store = await CreateStoreAsync();
        var contact = new Contact { Id = Guid.NewGuid(), Email = "a@exemple.fr", EmailKey = "a@exemple.fr", CreatedAt = T0, UpdatedAt = T0, LastActivityAt = T0 };
        var job = Job(contact.Id);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(contact, default);
            await tx.Tokens.SaveAsync(Token(contact.Id), default);
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            var tombstone = new ConsentEvent { Id = Guid.NewGuid(), ContactId = contact.Id, Kind = ConsentEventKind.Erased, State = OptinState.None, Method = ConsentMethod.System, OccurredAt = T0, PurposeId = "newsletter" };
            Assert.True(await tx.Contacts.EraseAsync(contact.Id, tombstone, default));
            await tx.CommitAsync(default);
        }

        Assert.Null(await store.Contacts.FindByEmailKeyAsync("a@exemple.fr", default));
        Assert.Equal(JobStatus.Cancelled, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
        var ledger = await store.Ledger.ReadAsync(contact.Id, default).ToListAsync();
        Assert.Equal(ConsentEventKind.Erased, Assert.Single(ledger).Kind);
        await using var read = await store.BeginTransactionAsync(default);
        Assert.Null(await read.Tokens.FindAsync("aa", default));
    }

    /// <summary>
    /// EraseContactAsync, finished jobs: keep action, status and Message-ID, but only the payload's configuration
    /// (arguments, event type, form, purpose) and no last error (DSR-5); see <see cref="ErasedJob.Scrub"/>.
    /// </summary>
    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task EraseContactAsync_FinishedJob_KeepsOnlyTheConfigurationOfItsPayload()
    {
        var store = await CreateStoreAsync();
        var contact = StoreTestData.Contact("b@exemple.fr");
        var job = Job(contact.Id) with
        {
            Payload = $$"""{"args":{"template":"welcome"},"eventType":"FormSubmitted","formId":"newsletter","submissionId":"{{Guid.NewGuid()}}","culture":"fr","purposeId":"newsletter"}""",
        };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(contact, default);
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        Assert.Single(await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default));
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "w1", JobStatus.Done, "accepted for b@exemple.fr", T0, default));
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            Assert.True(await tx.Contacts.EraseAsync(contact.Id, StoreTestData.Tombstone(contact.Id), default));
            await tx.CommitAsync(default);
        }

        var kept = (await store.Jobs.FindJobAsync(job.Id, default))!;
        Assert.Equal((JobStatus.Done, job.Action, job.MessageId), (kept.Status, kept.Action, kept.MessageId));
        Assert.Null(kept.LastError);
        using var payload = System.Text.Json.JsonDocument.Parse(kept.Payload);
        Assert.Equal(["args", "eventType", "formId", "purposeId"],
            payload.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal("welcome", payload.RootElement.GetProperty("args").GetProperty("template").GetString());
    }

    /// <summary>ListJobsAsync, by contact: returns that contacts jobs in creation order.</summary>
    [Fact]
    public async Task ListJobsAsync_ByContact_ReturnsThatContactsJobsInCreationOrder()
    {
        var store = await CreateStoreAsync();
        var contact = Guid.NewGuid();
        var first = Job(contact) with { DueAt = T0 + Duration.FromDays(1) };
        var second = Job(contact);
        await EnqueueAsync(store, first, Job(Guid.NewGuid()), second);

        var jobs = await store.Jobs.ListJobsAsync(contact, default).ToListAsync();

        Assert.Equal([first.Id, second.Id], jobs.Select(j => j.Id).ToArray());
        Assert.Equal(3, (await store.Jobs.ListJobsAsync(null, default).ToListAsync()).Count);
    }

    /// <summary>CompleteJobAsync, not a final status: throws.</summary>
    [Fact]
    public async Task CompleteJobAsync_NotAFinalStatus_Throws()
    {
        var store = await CreateStoreAsync();
        var job = Job(Guid.NewGuid());
        await EnqueueAsync(store, job);
        await store.Jobs.ClaimDueJobsAsync("w1", T0, Duration.FromMinutes(5), 10, default);

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.Jobs.CompleteJobAsync(job.Id, "w1", JobStatus.Pending, null, T0, default));
        Assert.Equal(JobStatus.Running, (await store.Jobs.FindJobAsync(job.Id, default))!.Status);
    }

    private static Task EnqueueAsync(IOptinStore store, params JobRecord[] jobs) => StoreTestData.EnqueueAsync(store, jobs);

    private static Contact NewContact(string email, System.Collections.Immutable.ImmutableSortedSet<string> tags) => new()
    {
        Id = Guid.NewGuid(), Email = email, EmailKey = email, Tags = tags.WithComparer(StringComparer.Ordinal), CreatedAt = T0, UpdatedAt = T0, LastActivityAt = T0,
    };

    private static JobRecord Job(Guid contactId) => StoreTestData.Job(contactId);

    private static TokenRecord Token(Guid contactId) => StoreTestData.Token(contactId);
}
