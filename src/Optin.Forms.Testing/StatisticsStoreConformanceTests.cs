using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Statistics;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The store contract of the back office's overview: daily view counts kept as aggregates (an upsert that increments, no
/// per-view row), and the aggregate reads of submissions, double opt-in emails, confirmations and withdrawals. Each store
/// subclasses this with its own factory.
/// </summary>
public abstract class StatisticsStoreConformanceTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 12, 9, 0);
    private static readonly LocalDate Day1 = new(2026, 11, 12);
    private static readonly LocalDate Day2 = new(2026, 11, 13);

    /// <summary>A new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>AddAsync, the same (day, form, page, source) twice, increments one aggregate; other keys stay apart.</summary>
    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public async Task AddViewsAsync_SameKeyTwice_IncrementsOneAggregate()
    {
        var store = await CreateStoreAsync();
        await AddViewsAsync(store, new ViewCount(Day1, "newsletter", "", "", 3), new ViewCount(Day1, "newsletter", "salon", "flyer", 2));
        await AddViewsAsync(store, new ViewCount(Day1, "newsletter", "", "", 4), new ViewCount(Day2, "newsletter", "", "", 1),
            new ViewCount(Day2, "quote", "", "", 0));

        var day1 = await store.Statistics.ReadViewsAsync(Day1, Day1, default).ToListAsync();
        Assert.Equal([new ViewCount(Day1, "newsletter", "", "", 7), new ViewCount(Day1, "newsletter", "salon", "flyer", 2)], day1);
        var both = await store.Statistics.ReadViewsAsync(Day1, Day2, default).ToListAsync();
        Assert.Equal(3, both.Count);
        Assert.Equal(new ViewCount(Day2, "newsletter", "", "", 1), both[2]);
    }

    /// <summary>AddAsync, rolled back or with a source too long, stores nothing.</summary>
    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public async Task AddViewsAsync_RolledBackOrInvalid_StoresNothing()
    {
        var store = await CreateStoreAsync();
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Views.AddAsync([new ViewCount(Day1, "newsletter", "", "", 3)], default);
        }

        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await Assert.ThrowsAsync<ArgumentException>(async () =>
                await tx.Views.AddAsync([new ViewCount(Day1, "newsletter", "", "", 1), new ViewCount(Day1, "newsletter", "", new string('s', 65), 1)], default));
        }

        Assert.Empty(await store.Statistics.ReadViewsAsync(Day1, Day2, default).ToListAsync());
    }

    /// <summary>
    /// ReadActivityAsync counts submissions, double opt-in emails (sent while pending), confirmations and withdrawals per
    /// quarter hour and form, within the range only; a consent given or a welcome email is not counted.
    /// </summary>
    [Fact]
    [Trait("Section", "Overview: statistics")]
    public async Task ReadActivityAsync_EachKindInRange_CountedPerBucketAndForm()
    {
        var store = await CreateStoreAsync();
        var contact = StoreTestData.Contact("jean@exemple.fr");
        var submission = StoreTestData.Submission(contact.Id, T0 + Duration.FromMinutes(5));
        var other = StoreTestData.Submission(contact.Id, T0 + Duration.FromMinutes(7));
        var outside = StoreTestData.Submission(contact.Id, T0 + Duration.FromDays(2));
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(contact, default);
            await tx.Submissions.AddAsync(submission, default);
            await tx.Submissions.AddAsync(other with { FormId = "quote" }, default);
            await tx.Submissions.AddAsync(outside, default);
            await tx.Ledger.AppendAsync(
            [
                Event(contact.Id, ConsentEventKind.Given, OptinState.PendingConfirmation, T0 + Duration.FromMinutes(5)),
                Event(contact.Id, ConsentEventKind.EmailSent, OptinState.PendingConfirmation, T0 + Duration.FromMinutes(6)),
                Event(contact.Id, ConsentEventKind.EmailSent, OptinState.PendingConfirmation, T0 + Duration.FromMinutes(14)),
                Event(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, T0 + Duration.FromMinutes(95)),
                Event(contact.Id, ConsentEventKind.EmailSent, OptinState.OptedIn, T0 + Duration.FromMinutes(96)),
                Event(contact.Id, ConsentEventKind.Withdrawn, OptinState.Withdrawn, T0 + Duration.FromHours(5)) with { FormId = null },
                Event(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, T0 + Duration.FromDays(2)),
            ], default);
            await tx.CommitAsync(default);
        }

        var counts = await store.Statistics.ReadActivityAsync(T0, T0 + Duration.FromDays(1), default).ToListAsync();
        var expected = new[]
        {
            new ActivityCount(T0, "newsletter", ActivityKind.Submission, 1),
            new ActivityCount(T0, "quote", ActivityKind.Submission, 1),
            new ActivityCount(T0, "newsletter", ActivityKind.DoubleOptinEmailSent, 2),
            new ActivityCount(T0 + Duration.FromMinutes(90), "newsletter", ActivityKind.Confirmation, 1),
            new ActivityCount(T0 + Duration.FromHours(5), null, ActivityKind.Withdrawal, 1),
        };
        Assert.Equal(expected.OrderBy(Key), counts.OrderBy(Key));
    }

    /// <summary>ReadConfirmationDelaysAsync gives the time from the submission to each confirmation in range, when the submission is held.</summary>
    [Fact]
    [Trait("Section", "Overview: statistics")]
    public async Task ReadConfirmationDelaysAsync_ConfirmationWithItsSubmission_TimeFromSubmission()
    {
        var store = await CreateStoreAsync();
        var contact = StoreTestData.Contact("jean@exemple.fr");
        var submission = StoreTestData.Submission(contact.Id, T0);
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(contact, default);
            await tx.Submissions.AddAsync(submission, default);
            await tx.Ledger.AppendAsync(
            [
                Event(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, T0 + Duration.FromMinutes(90)) with { SubmissionId = submission.Id },
                Event(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, T0 + Duration.FromMinutes(91)), // its submission is gone
                Event(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, T0 + Duration.FromDays(3)) with { SubmissionId = submission.Id },
            ], default);
            await tx.CommitAsync(default);
        }

        var delays = await store.Statistics.ReadConfirmationDelaysAsync(T0, T0 + Duration.FromDays(1), default).ToListAsync();
        Assert.Equal([new ConfirmationDelay("newsletter", T0 + Duration.FromMinutes(90), Duration.FromMinutes(90))], delays);
    }

    private static string Key(ActivityCount c) => $"{c.BucketStart}|{c.FormId}|{c.Kind}";

    private static ConsentEvent Event(Guid contactId, ConsentEventKind kind, OptinState state, Instant at) =>
        StoreTestData.ConsentEvent(contactId, kind, state, occurredAt: at);

    private static async Task AddViewsAsync(IOptinStore store, params ViewCount[] counts)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        await tx.Views.AddAsync(counts, default);
        await tx.CommitAsync(default);
    }
}
