using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Testing;

/// <summary>
/// What every <see cref="IOptinStore"/> must do, whatever it stores into. A store's test class derives from this one
/// and returns a new, empty store from <see cref="CreateStoreAsync"/>; every test runs against a fresh store.
/// </summary>
/// <remarks>
/// Store-agnostic on purpose: only the public seams (<see cref="IOptinStore"/>, <see cref="IOptinTransaction"/>, the
/// readers) are used, and this file depends on nothing else in the test project, so that other test projects can link
/// it. Stores created here are disposed after each test when they implement <see cref="IAsyncDisposable"/> or
/// <see cref="IDisposable"/>.
/// </remarks>
public abstract class OptinStoreConformanceTests : IAsyncLifetime
{
    private static readonly Instant T0 = StoreTestData.Now;

    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<IOptinStore> _stores = [];

    /// <summary>Creates a new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>SaveContact, committed: found by id and by key with every value.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task SaveContact_Committed_FoundByIdAndByKeyWithEveryValue()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean.dupont@exemple.fr") with
        {
            Kind = ContactKind.Account,
            Fields = ImmutableDictionary<string, string>.Empty.Add("firstName", "Jean").Add("company", "Atelier Dupont"),
            Tags = ImmutableSortedSet.Create(StringComparer.Ordinal, "salon-2026", "vip"),
            ObjectedToMarketing = true,
            UpdatedAt = T0 + Duration.FromMinutes(1),
            LastActivityAt = T0 + Duration.FromMinutes(2),
        };
        contact = contact.WithOptin("newsletter", OptinState.OptedIn, T0 + Duration.FromMilliseconds(7))
            .WithOptin("partners", OptinState.Withdrawn, T0 + Duration.FromSeconds(3));

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.CommitAsync(None);
        }

        AssertSameContact(contact, await store.Contacts.FindAsync(contact.Id, None));
        AssertSameContact(contact, await store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        await using var reader = await store.BeginTransactionAsync(None);
        AssertSameContact(contact, await reader.Contacts.FindAsync(contact.Id, None));
        AssertSameContact(contact, await reader.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
    }

    /// <summary>Find, unknown id or key: returns null.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task Find_UnknownIdOrKey_ReturnsNull()
    {
        var store = await NewStoreAsync();
        await SaveAsync(store, NewContact("known@exemple.fr"));

        Assert.Null(await store.Contacts.FindAsync(Guid.NewGuid(), None));
        Assert.Null(await store.Contacts.FindByEmailKeyAsync("unknown@exemple.fr", None));
        Assert.Null(await store.Submissions.FindAsync(Guid.NewGuid(), None));
        Assert.Empty(await store.Ledger.ReadAsync(Guid.NewGuid(), None).ToListAsync());
        await using var tx = await store.BeginTransactionAsync(None);
        Assert.Null(await tx.Contacts.FindAsync(Guid.NewGuid(), None));
        Assert.Null(await tx.Contacts.FindByEmailKeyAsync("unknown@exemple.fr", None));
    }

    /// <summary>SaveContact, same id again: replaces and frees the old key.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task SaveContact_SameIdAgain_ReplacesAndFreesTheOldKey()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("old@exemple.fr");
        await SaveAsync(store, contact);
        var moved = contact.WithOptin("newsletter", OptinState.OptedIn, T0 + Duration.FromDays(1)) with
        {
            Email = "new@exemple.fr",
            EmailKey = "new@exemple.fr",
        };

        await SaveAsync(store, moved);

        AssertSameContact(moved, await store.Contacts.FindAsync(contact.Id, None));
        Assert.Null(await store.Contacts.FindByEmailKeyAsync("old@exemple.fr", None));
        var other = NewContact("old@exemple.fr");
        await SaveAsync(store, other);
        Assert.Equal(other.Id, (await store.Contacts.FindByEmailKeyAsync("old@exemple.fr", None))?.Id);
    }

    /// <summary>SaveContact, key held by committed contact: throws and keeps the first.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task SaveContact_KeyHeldByCommittedContact_ThrowsAndKeepsTheFirst()
    {
        var store = await NewStoreAsync();
        var first = NewContact("jean@exemple.fr");
        await SaveAsync(store, first);

        await Assert.ThrowsAsync<InvalidOperationException>(() => SaveAsync(store, NewContact("jean@exemple.fr")));

        Assert.Equal(first.Id, (await store.Contacts.FindByEmailKeyAsync("jean@exemple.fr", None))?.Id);
        Assert.Equal(1, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    /// <summary>SaveContact, key held in the same transaction: throws.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task SaveContact_KeyHeldInTheSameTransaction_Throws()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Contacts.SaveAsync(NewContact("jean@exemple.fr"), None);
            await tx.Contacts.SaveAsync(NewContact("jean@exemple.fr"), None);
            await tx.CommitAsync(None);
        });

        Assert.Equal(0, await store.Contacts.CountAsync(new ContactQuery(), None));
    }

    /// <summary>Dispose, without commit: leaves nothing.</summary>
    [Fact]
    [Trait("Invariant", "3")]
    public async Task Dispose_WithoutCommit_LeavesNothing()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var submission = NewSubmission(contact.Id, T0);
        var consent = NewEvent(contact.Id);

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Ledger.AppendAsync([consent], None);
            await tx.Submissions.AddAsync(submission, None);
        }

        Assert.Null(await store.Contacts.FindAsync(contact.Id, None));
        Assert.Null(await store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
        Assert.Null(await store.Submissions.FindAsync(submission.Id, None));
        await using var next = await store.BeginTransactionAsync(None);
        Assert.Null(await next.Contacts.FindAsync(contact.Id, None));
    }

    /// <summary>Commit, twice: throws.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task Commit_Twice_Throws()
    {
        var store = await NewStoreAsync();
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(NewContact("jean@exemple.fr"), None);
        await tx.CommitAsync(None);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await tx.CommitAsync(None));
    }

    /// <summary>Transaction, reads its own writes: others see them only after commit.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task Transaction_ReadsItsOwnWrites_OthersSeeThemOnlyAfterCommit()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var submission = NewSubmission(contact.Id, T0);
        await using var tx = await store.BeginTransactionAsync(None);
        await tx.Contacts.SaveAsync(contact, None);
        await tx.Ledger.AppendAsync([NewEvent(contact.Id)], None);
        await tx.Submissions.AddAsync(submission, None);

        AssertSameContact(contact, await tx.Contacts.FindAsync(contact.Id, None));
        AssertSameContact(contact, await tx.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        Assert.Null(await store.Contacts.FindAsync(contact.Id, None));
        Assert.Null(await store.Contacts.FindByEmailKeyAsync(contact.EmailKey, None));
        Assert.Equal(0, await store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.Empty(await store.Contacts.QueryAsync(new ContactQuery(), None).ToListAsync());
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
        Assert.Null(await store.Submissions.FindAsync(submission.Id, None));
        Assert.Empty(await store.Submissions.ListByContactAsync(contact.Id, None).ToListAsync());

        await tx.CommitAsync(None);

        AssertSameContact(contact, await store.Contacts.FindAsync(contact.Id, None));
        Assert.Single(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
        Assert.NotNull(await store.Submissions.FindAsync(submission.Id, None));
    }

    /// <summary>AppendConsentEvents, across transactions: read back in order with increasing sequence and every value.</summary>
    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task AppendConsentEvents_AcrossTransactions_ReadBackInOrderWithIncreasingSequenceAndEveryValue()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var other = NewContact("marie@exemple.fr");
        var first = NewEvent(contact.Id, ConsentEventKind.Given, OptinState.PendingConfirmation, "newsletter");
        var second = NewEvent(contact.Id, ConsentEventKind.Given, OptinState.PendingConfirmation, "partners");
        var foreign = NewEvent(other.Id);
        var third = NewEvent(contact.Id, ConsentEventKind.Confirmed, OptinState.OptedIn, "newsletter") with { OccurredAt = T0 + Duration.FromHours(1) };
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Contacts.SaveAsync(other, None);
            await tx.Ledger.AppendAsync([first, second], None);
            await tx.Ledger.AppendAsync([foreign], None);
            await tx.CommitAsync(None);
        }

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Ledger.AppendAsync([third], None);
            await tx.CommitAsync(None);
        }

        var history = await store.Ledger.ReadAsync(contact.Id, None).ToListAsync();
        Assert.Equal([first.Id, second.Id, third.Id], history.Select(e => e.Id));
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence));
        Assert.True(history[0].Sequence > 0);
        Assert.Equal(first, history[0] with { Sequence = first.Sequence, Hash = null, PreviousHash = null });
        Assert.Equal(third, history[2] with { Sequence = third.Sequence, Hash = null, PreviousHash = null });
        var foreignRead = Assert.Single(await store.Ledger.ReadAsync(other.Id, None).ToListAsync());
        Assert.True(foreignRead.Sequence > history[1].Sequence && foreignRead.Sequence < history[2].Sequence);
    }

    /// <summary>AppendConsentEvents, id already in ledger: is refused and ledger unchanged.</summary>
    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task AppendConsentEvents_IdAlreadyInLedger_IsRefusedAndLedgerUnchanged()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var consent = NewEvent(contact.Id);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Ledger.AppendAsync([consent], None);
            await tx.CommitAsync(None);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Ledger.AppendAsync([consent with { State = OptinState.Withdrawn, ConsentText = "forged" }], None);
            await tx.CommitAsync(None);
        });
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            var fresh = NewEvent(contact.Id);
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Ledger.AppendAsync([fresh, fresh], None);
            await tx.CommitAsync(None);
        });

        var read = Assert.Single(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
        Assert.Equal(consent, read with { Sequence = consent.Sequence, Hash = null, PreviousHash = null });
    }

    /// <summary>AddSubmission, committed: found by id and listed by contact oldest first.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task AddSubmission_Committed_FoundByIdAndListedByContactOldestFirst()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var other = NewContact("marie@exemple.fr");
        var later = NewSubmission(contact.Id, T0 + Duration.FromDays(2));
        var earlier = NewSubmission(contact.Id, T0);
        var foreign = NewSubmission(other.Id, T0 + Duration.FromDays(1));
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Contacts.SaveAsync(other, None);
            await tx.Submissions.AddAsync(later, None);
            await tx.Submissions.AddAsync(foreign, None);
            await tx.Submissions.AddAsync(earlier, None);
            await tx.CommitAsync(None);
        }

        AssertSameSubmission(later, await store.Submissions.FindAsync(later.Id, None));
        var listed = await store.Submissions.ListByContactAsync(contact.Id, None).ToListAsync();
        Assert.Equal([earlier.Id, later.Id], listed.Select(s => s.Id));
        AssertSameSubmission(earlier, listed[0]);
        Assert.Equal([foreign.Id], await store.Submissions.ListByContactAsync(other.Id, None).Select(s => s.Id).ToListAsync());
    }

    /// <summary>AddSubmission with an attribution (landing page, variant, utm_*, referrer host): read back whole, apart from the values (#19).</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task AddSubmission_WithAttribution_ReadBackApartFromTheValues()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var submission = NewSubmission(contact.Id, T0) with
        {
            Attribution = new SubmissionAttribution
            {
                LandingPage = "salon", Variant = "b", UtmSource = "flyer", UtmMedium = "print", UtmCampaign = "maison et objet", ReferrerHost = "news.example.org",
            },
        };
        var plain = NewSubmission(contact.Id, T0 + Duration.FromSeconds(1));
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Submissions.AddAsync(submission, None);
            await tx.Submissions.AddAsync(plain, None);
            await tx.CommitAsync(None);
        }

        var read = await store.Submissions.FindAsync(submission.Id, None);
        AssertSameSubmission(submission, read);
        Assert.DoesNotContain(read!.Values.Keys, SubmissionAttribution.IsReserved);
        Assert.Null((await store.Submissions.FindAsync(plain.Id, None))!.Attribution);
    }

    /// <summary>ListByForm: only that form's committed submissions, newest first then by id descending, paged; CountByForm counts them.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task ListByForm_PagesNewestFirstOnlyThatFormAndCountsThem()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var oldest = NewSubmission(contact.Id, T0);
        var middle = NewSubmission(contact.Id, T0 + Duration.FromDays(1));
        var newest = NewSubmission(contact.Id, T0 + Duration.FromDays(2));
        var other = NewSubmission(contact.Id, T0 + Duration.FromDays(3)) with { FormId = "contact" };
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Submissions.AddAsync(middle, None);
            await tx.Submissions.AddAsync(other, None);
            await tx.Submissions.AddAsync(oldest, None);
            await tx.Submissions.AddAsync(newest, None);
            await tx.CommitAsync(None);
        }

        await using (var pending = await store.BeginTransactionAsync(None))
        {
            await pending.Submissions.AddAsync(NewSubmission(contact.Id, T0 + Duration.FromDays(4)), None);
            Assert.Equal(3, await store.Submissions.CountByFormAsync("newsletter", None));
        }

        var all = await store.Submissions.ListByFormAsync("newsletter", 0, int.MaxValue, None).ToListAsync();
        Assert.Equal([newest.Id, middle.Id, oldest.Id], all.Select(s => s.Id));
        AssertSameSubmission(newest, all[0]);
        Assert.Equal([middle.Id], await store.Submissions.ListByFormAsync("newsletter", 1, 1, None).Select(s => s.Id).ToListAsync());
        Assert.Equal([oldest.Id], await store.Submissions.ListByFormAsync("newsletter", 2, 5, None).Select(s => s.Id).ToListAsync());
        Assert.Empty(await store.Submissions.ListByFormAsync("newsletter", 3, 5, None).ToListAsync());
        Assert.Equal(3, await store.Submissions.CountByFormAsync("newsletter", None));
        Assert.Equal(1, await store.Submissions.CountByFormAsync("contact", None));
        Assert.Equal(0, await store.Submissions.CountByFormAsync("unknown", None));
    }

    /// <summary>AddSubmission, id already stored: throws.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task AddSubmission_IdAlreadyStored_Throws()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        var submission = NewSubmission(contact.Id, T0);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.Submissions.AddAsync(submission, None);
            await tx.CommitAsync(None);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Submissions.AddAsync(submission with { Culture = "en" }, None);
            await tx.CommitAsync(None);
        });

        Assert.Equal("fr", (await store.Submissions.FindAsync(submission.Id, None))?.Culture);
    }

    /// <summary>SetOptinInBulk: a change with SkipWithdrawn leaves the contacts who withdrew that purpose alone (RET-3).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Requirement", "RET-3")]
    public async Task SetOptinInBulk_SkipWithdrawn_LeavesContactsWhoWithdrewThePurpose(bool skipWithdrawn)
    {
        var store = await NewStoreAsync();
        var withdrawn = NewContact("withdrawn@exemple.fr", T0).WithOptin("newsletter", OptinState.Withdrawn, T0);
        var otherPurposeWithdrawn = NewContact("other@exemple.fr", T0 + Duration.FromSeconds(1)).WithOptin("partners", OptinState.Withdrawn, T0);
        var plain = NewContact("plain@exemple.fr", T0 + Duration.FromSeconds(2));
        await SaveAsync(store, withdrawn, otherPurposeWithdrawn, plain);
        var template = NewEvent(Guid.Empty, ConsentEventKind.SetInBulk, OptinState.OptedIn, "newsletter") with
        {
            Method = ConsentMethod.Bulk,
            OccurredAt = T0 + Duration.FromDays(1),
            Actor = "marie.martin",
            Reason = "Salon 2026 paper forms",
            LegalBasis = "signed paper forms, box 3",
        };

        long changed;
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            changed = await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(),
                new BulkOptinChange("newsletter", OptinState.OptedIn, SkipObjected: true, template) { SkipWithdrawn = skipWithdrawn }, None);
            await tx.CommitAsync(None);
        }

        Assert.Equal(skipWithdrawn ? 2 : 3, changed);
        Assert.Equal(skipWithdrawn ? OptinState.Withdrawn : OptinState.OptedIn, (await store.Contacts.FindAsync(withdrawn.Id, None))?.GetState("newsletter"));
        Assert.Equal(skipWithdrawn ? 0 : 1, await store.Ledger.ReadAsync(withdrawn.Id, None).CountAsync());
        Assert.Equal(OptinState.OptedIn, (await store.Contacts.FindAsync(otherPurposeWithdrawn.Id, None))?.GetState("newsletter"));
        Assert.Equal(OptinState.OptedIn, (await store.Contacts.FindAsync(plain.Id, None))?.GetState("newsletter"));
    }

    /// <summary>SetOptinInBulk: changes only matching contacts not in state one per changed contact with fresh ids.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Requirement", "CONS-8")]
    [Trait("Requirement", "WD-6")]
    public async Task SetOptinInBulk_ChangesOnlyMatchingContactsNotInStateOnePerChangedContactWithFreshIds(bool skipObjected)
    {
        var store = await NewStoreAsync();
        var salon = ImmutableSortedSet.Create(StringComparer.Ordinal, "salon");
        var already = NewContact("already@exemple.fr", T0) with { Tags = salon };
        already = already.WithOptin("newsletter", OptinState.OptedIn, T0);
        var plain = NewContact("plain@exemple.fr", T0 + Duration.FromSeconds(1)) with { Tags = salon };
        var objected = NewContact("objected@exemple.fr", T0 + Duration.FromSeconds(2)) with { Tags = salon, ObjectedToMarketing = true };
        var outside = NewContact("outside@exemple.fr", T0 + Duration.FromSeconds(3));
        await SaveAsync(store, already, plain, objected, outside);
        var at = T0 + Duration.FromDays(1);
        var template = NewEvent(Guid.Empty, ConsentEventKind.SetInBulk, OptinState.OptedIn, "newsletter") with
        {
            Method = ConsentMethod.Bulk,
            OccurredAt = at,
            Actor = "marie.martin",
            Reason = "Salon 2026 paper forms",
            LegalBasis = "signed paper forms, box 3",
        };

        long changed;
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            changed = await tx.Contacts.SetOptinInBulkAsync(new ContactQuery { Tag = "salon" },
                new BulkOptinChange("newsletter", OptinState.OptedIn, skipObjected, template), None);
            await tx.CommitAsync(None);
        }

        var expected = skipObjected ? new[] { plain } : [plain, objected];
        Assert.Equal(expected.Length, changed);
        foreach (var contact in expected)
        {
            var stored = await store.Contacts.FindAsync(contact.Id, None);
            Assert.Equal(OptinState.OptedIn, stored?.GetState("newsletter"));
            Assert.Equal(at, stored?.Optins["newsletter"].ChangedAt);
            var entry = Assert.Single(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
            Assert.Equal(template with { Id = entry.Id, ContactId = contact.Id, Sequence = entry.Sequence }, entry with { Hash = null, PreviousHash = null });
            Assert.NotEqual(template.Id, entry.Id);
            Assert.NotEqual(Guid.Empty, entry.Id);
        }

        var ids = new List<Guid>();
        foreach (var contact in expected)
        {
            ids.AddRange(await store.Ledger.ReadAsync(contact.Id, None).Select(e => e.Id).ToListAsync());
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(T0, (await store.Contacts.FindAsync(already.Id, None))?.Optins["newsletter"].ChangedAt);
        Assert.Empty(await store.Ledger.ReadAsync(already.Id, None).ToListAsync());
        Assert.Empty(await store.Ledger.ReadAsync(outside.Id, None).ToListAsync());
        Assert.Equal(OptinState.None, (await store.Contacts.FindAsync(outside.Id, None))?.GetState("newsletter"));
        Assert.Equal(skipObjected ? OptinState.None : OptinState.OptedIn, (await store.Contacts.FindAsync(objected.Id, None))?.GetState("newsletter"));
    }

    /// <summary>SetOptinInBulk, rolled back: changes nothing.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task SetOptinInBulk_RolledBack_ChangesNothing()
    {
        var store = await NewStoreAsync();
        var contact = NewContact("jean@exemple.fr");
        await SaveAsync(store, contact);

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            var changed = await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(),
                new BulkOptinChange("newsletter", OptinState.OptedIn, true, NewEvent(Guid.Empty, ConsentEventKind.SetInBulk, OptinState.OptedIn, "newsletter")), None);
            Assert.Equal(1, changed);
            Assert.Equal(OptinState.OptedIn, (await tx.Contacts.FindAsync(contact.Id, None))?.GetState("newsletter"));
        }

        Assert.Equal(OptinState.None, (await store.Contacts.FindAsync(contact.Id, None))?.GetState("newsletter"));
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
    }

    /// <summary>QueryAsync: orders by creation then id.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task QueryAsync_OrdersByCreationThenId()
    {
        var store = await NewStoreAsync();
        var c = NewContact("c@exemple.fr", T0 + Duration.FromDays(2), Guid.Parse("10000000-0000-0000-0000-000000000000"));
        var b2 = NewContact("b2@exemple.fr", T0 + Duration.FromDays(1), Guid.Parse("30000000-0000-0000-0000-000000000000"));
        var a = NewContact("a@exemple.fr", T0, Guid.Parse("40000000-0000-0000-0000-000000000000"));
        var b1 = NewContact("b1@exemple.fr", T0 + Duration.FromDays(1), Guid.Parse("20000000-0000-0000-0000-000000000000"));
        await SaveAsync(store, c, b2, a, b1);

        var ids = await store.Contacts.QueryAsync(new ContactQuery(), None).Select(x => x.Id).ToListAsync();

        Assert.Equal([a.Id, b1.Id, b2.Id, c.Id], ids);
    }

    /// <summary>The names of the query cases, one per criterion of <see cref="ContactQuery"/> and one combined.</summary>
    public static TheoryData<string> Queries => [.. QueryCases().Keys];

    /// <summary>QueryAndCount, each criterion: match exactly the reference evaluation.</summary>
    [Theory]
    [MemberData(nameof(Queries))]
    [Trait("Category", "StoreConformance")]
    public async Task QueryAndCount_EachCriterion_MatchExactlyTheReferenceEvaluation(string name)
    {
        var store = await NewStoreAsync();
        var contacts = QueryPopulation();
        await SaveAsync(store, [.. contacts]);
        var query = QueryCases()[name];
        var expected = contacts.Where(query.Matches).OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).Select(x => x.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.NotEqual(contacts.Count, expected.Count);

        var ids = await store.Contacts.QueryAsync(query, None).Select(x => x.Id).ToListAsync();
        var count = await store.Contacts.CountAsync(query, None);

        Assert.Equal(expected, ids);
        Assert.Equal(expected.Count, count);
    }

    /// <summary>QueryAndCount, no criterion: match every contact.</summary>
    [Fact]
    [Trait("Category", "StoreConformance")]
    public async Task QueryAndCount_NoCriterion_MatchEveryContact()
    {
        var store = await NewStoreAsync();
        var contacts = QueryPopulation();
        await SaveAsync(store, [.. contacts]);

        Assert.Equal(contacts.Count, await store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.Equal(contacts.Count, (await store.Contacts.QueryAsync(new ContactQuery(), None).ToListAsync()).Count);
    }

    /// <summary>ConcurrentTransactions, same new address: never create two contacts.</summary>
    [Fact]
    [Trait("Invariant", "3")]
    public async Task ConcurrentTransactions_SameNewAddress_NeverCreateTwoContacts()
    {
        var store = await NewStoreAsync();
        const string key = "jean.dupont@exemple.fr";

        async Task<Guid> FindOrCreateAsync()
        {
            await Task.Yield();
            await using var tx = await store.BeginTransactionAsync(None);
            var existing = await tx.Contacts.FindByEmailKeyAsync(key, None);
            if (existing is not null)
            {
                await tx.CommitAsync(None);
                return existing.Id;
            }

            var created = NewContact(key);
            await tx.Contacts.SaveAsync(created, None);
            await tx.Ledger.AppendAsync([NewEvent(created.Id)], None);
            await tx.CommitAsync(None);
            return created.Id;
        }

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(FindOrCreateAsync)));

        var stored = await store.Contacts.FindByEmailKeyAsync(key, None);
        Assert.NotNull(stored);
        Assert.All(ids, id => Assert.Equal(stored.Id, id));
        Assert.Equal(1, await store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.Single(await store.Ledger.ReadAsync(stored.Id, None).ToListAsync());
    }

    private static Contact NewContact(string email, Instant? createdAt = null, Guid? id = null) => StoreTestData.Contact(email, createdAt, id);

    private static ConsentEvent NewEvent(Guid contactId, ConsentEventKind kind = ConsentEventKind.Given,
        OptinState state = OptinState.PendingConfirmation, string purposeId = "newsletter") => StoreTestData.ConsentEvent(contactId, kind, state, purposeId);

    private static SubmissionRecord NewSubmission(Guid contactId, Instant receivedAt) => StoreTestData.Submission(contactId, receivedAt);

    private async Task<IOptinStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    private static Task SaveAsync(IOptinStore store, params Contact[] contacts) => StoreTestData.SaveAsync(store, contacts);

    private static List<Contact> QueryPopulation()
    {
        var tags = ImmutableSortedSet.Create(StringComparer.Ordinal, "salon");
        var lyon = ImmutableDictionary<string, string>.Empty.Add("city", "Lyon");
        return
        [
            NewContact("a@exemple.fr", T0) with { Kind = ContactKind.Contact, Fields = lyon, Tags = tags },
            NewContact("b@exemple.fr", T0 + Duration.FromDays(1)) with { Fields = lyon.SetItem("city", "lyon") },
            NewContact("c@exemple.fr", T0 + Duration.FromDays(2)).WithOptin("newsletter", OptinState.OptedIn, T0 + Duration.FromDays(2)),
            NewContact("d@exemple.fr", T0 + Duration.FromDays(3)) with { Kind = ContactKind.Account, Tags = tags, LastActivityAt = T0 + Duration.FromDays(30) },
            NewContact("e@exemple.fr", T0 + Duration.FromDays(4)) with { Fields = lyon, LastActivityAt = T0 + Duration.FromDays(40), UpdatedAt = T0 + Duration.FromDays(20) },
        ];
    }

    private static Dictionary<string, ContactQuery> QueryCases() => new()
    {
        ["kind"] = new() { Kind = ContactKind.Lead },
        ["field"] = new() { FieldEquals = ImmutableDictionary<string, string>.Empty.Add("city", "Lyon") },
        ["state"] = new() { Purpose = "newsletter", State = OptinState.OptedIn },
        ["state-none"] = new() { Purpose = "newsletter", State = OptinState.None },
        ["tag"] = new() { Tag = "salon" },
        ["created-from"] = new() { CreatedFrom = T0 + Duration.FromDays(2) },
        ["created-before"] = new() { CreatedBefore = T0 + Duration.FromDays(2) },
        ["updated-from"] = new() { UpdatedFrom = T0 + Duration.FromDays(10) },
        ["updated-before"] = new() { UpdatedBefore = T0 + Duration.FromDays(5) },
        ["last-activity-before"] = new() { LastActivityBefore = T0 + Duration.FromDays(35) },
        ["combined"] = new() { Kind = ContactKind.Lead, CreatedFrom = T0 + Duration.FromDays(1), CreatedBefore = T0 + Duration.FromDays(4) },
    };

    private static void AssertSameContact(Contact expected, Contact? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.EmailKey, actual.EmailKey);
        Assert.Equal(expected.Fields.OrderBy(f => f.Key, StringComparer.Ordinal), actual.Fields.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Optins.OrderBy(o => o.Key, StringComparer.Ordinal), actual.Optins.OrderBy(o => o.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.ObjectedToMarketing, actual.ObjectedToMarketing);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.LastActivityAt, actual.LastActivityAt);
    }

    private static void AssertSameSubmission(SubmissionRecord expected, SubmissionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Values = actual.Values, ConsentsGiven = actual.ConsentsGiven }, actual);
        Assert.Equal(expected.Values.OrderBy(v => v.Key, StringComparer.Ordinal), actual.Values.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal<string>(expected.ConsentsGiven, actual.ConsentsGiven); // by content: ImmutableArray equality is by reference
    }
}
