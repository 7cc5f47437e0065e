using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Rules;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Contacts;

/// <summary>Manual and bulk opt-in with accountability in the ledger, and objections (WD-6).</summary>
public sealed class ContactOptinServiceTests : IDisposable
{
    private const string Actor = "marie.martin";
    private const string Reason = "Trade show, Lyon, 2026-11-10";
    private const string LegalBasis = "signed paper forms, box 3";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ServiceProvider _services;
    private readonly FakeClock _clock;
    private readonly ContactOptinService _contacts;
    private readonly IOptinStore _store;

    public ContactOptinServiceTests()
    {
        _services = Some.Services(out _clock, configure: b =>
        {
            b.Services.AddSingleton<ListenerProbeLog>();
            b.AddEventListener<ProbeListener>();
        });
        _contacts = _services.GetRequiredService<ContactOptinService>();
        _store = _services.GetRequiredService<IOptinStore>();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SetOptinAsync_Manual_RecordsActorReasonAndLegalBasisInTheLedger()
    {
        var id = await AddAsync("jean@exemple.fr");
        _clock.AdvanceHours(1);

        var result = await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Count);
        var contact = await _store.Contacts.FindAsync(id, None);
        Assert.Equal(OptinState.OptedIn, contact!.GetState("newsletter"));
        Assert.Equal(Some.Now + Duration.FromHours(1), contact.Optins["newsletter"].ChangedAt);
        var entry = Assert.Single(await _store.Ledger.ReadAsync(id, None).ToListAsync());
        Assert.Equal((ConsentEventKind.SetManually, ConsentMethod.Manual, OptinState.OptedIn), (entry.Kind, entry.Method, entry.State));
        Assert.Equal((Actor, Reason, LegalBasis), (entry.Actor, entry.Reason, entry.LegalBasis));
        Assert.Equal(Some.ConsentFr, entry.ConsentText);
        Assert.Equal("fr", entry.Culture);
        Assert.Equal(Some.Now + Duration.FromHours(1), entry.OccurredAt);
        var changed = Assert.IsType<ContactOptinChanged>(Assert.Single(_services.GetRequiredService<ListenerProbeLog>().Seen).Event);
        Assert.Equal(new ContactOptinChanged(id, entry.OccurredAt, "newsletter", OptinState.None, OptinState.OptedIn, ConsentMethod.Manual), changed);
    }

    [Theory]
    [InlineData(OptinState.PendingConfirmation, Actor, Reason, LegalBasis)]
    [InlineData(OptinState.OptedIn, "", Reason, LegalBasis)]
    [InlineData(OptinState.OptedIn, Actor, " ", LegalBasis)]
    [InlineData(OptinState.OptedIn, Actor, Reason, "")]
    [Trait("Requirement", "CONS-6")]
    public async Task SetOptinAsync_PendingStateOrMissingAccountability_ThrowsArgumentExceptionAndChangesNothing(
        OptinState state, string actor, string reason, string legalBasis)
    {
        var id = await AddAsync("jean@exemple.fr");

        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", state, actor, reason, legalBasis), None));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
            await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", state, actor, reason, legalBasis), None));

        Assert.Equal(OptinState.None, (await _store.Contacts.FindAsync(id, None))!.GetState("newsletter"));
        Assert.Empty(await _store.Ledger.ReadAsync(id, None).ToListAsync());
    }

    [Fact]
    public async Task SetOptinAsync_RefusalsCarryStableCodes()
    {
        var id = await AddAsync("jean@exemple.fr");
        await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        var unchanged = await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);
        var unknownPurpose = await _contacts.SetOptinAsync(new ManualOptinChange(id, "sms", OptinState.OptedIn, Actor, Reason, LegalBasis), None);
        var unknownContact = await _contacts.SetOptinAsync(new ManualOptinChange(Guid.NewGuid(), "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.Equal(SubmissionCodes.Unchanged, unchanged.Code);
        Assert.Equal(SubmissionCodes.UnknownPurpose, unknownPurpose.Code);
        Assert.Equal(SubmissionCodes.ContactNotFound, unknownContact.Code);
        Assert.Single(await _store.Ledger.ReadAsync(id, None).ToListAsync());
    }

    [Fact]
    public async Task AddContactAsync_KnownAddressInAnotherCasing_ReturnsTheExistingContact()
    {
        var id = await AddAsync("jean@exemple.fr");

        var again = await _contacts.AddContactAsync(new NewContact("JEAN@Exemple.FR"), None);
        var invalid = await _contacts.AddContactAsync(new NewContact("Jean <jean@exemple.fr>"), None);

        Assert.Equal((true, id, 0L), (again.Succeeded, again.ContactId!.Value, again.Count));
        Assert.Equal(SubmissionCodes.InvalidEmail, invalid.Code);
        Assert.Equal(1, await _store.Contacts.CountAsync(new ContactQuery(), None));
    }

    public static TheoryData<string> BulkQueries => ["kind", "field", "state", "tag", "created", "last-activity"];

    [Theory]
    [MemberData(nameof(BulkQueries))]
    [Trait("Requirement", "CONS-8")]
    public async Task SetOptinInBulkAsync_Query_ChangesOnlyMatchingContactsWithOneLedgerEntryEach(string criterion)
    {
        var population = await PopulationAsync();
        var query = criterion switch
        {
            "kind" => new ContactQuery { Kind = ContactKind.Contact },
            "field" => new ContactQuery { FieldEquals = ImmutableDictionary<string, string>.Empty.Add("company", "Atelier Dupont") },
            "state" => new ContactQuery { Purpose = "partners", State = OptinState.Withdrawn },
            "tag" => new ContactQuery { Tag = "salon-2026" },
            "created" => new ContactQuery { CreatedFrom = Some.Now + Duration.FromDays(1), CreatedBefore = Some.Now + Duration.FromDays(3) },
            _ => new ContactQuery { LastActivityBefore = Some.Now + Duration.FromDays(2) },
        };
        var expected = population.Where(p => p.Matches.Contains(criterion)).Select(p => p.Id).ToHashSet();
        Assert.InRange(expected.Count, 1, population.Count - 1);
        var before = await LedgerCountsAsync(population);
        Assert.Equal(expected.Count, await _contacts.CountAsync(query, None));

        var result = await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(query, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.True(result.Succeeded);
        Assert.Equal(expected.Count, result.Count);
        var after = await LedgerCountsAsync(population);
        foreach (var (id, _) in population)
        {
            var contact = await _store.Contacts.FindAsync(id, None);
            Assert.Equal(expected.Contains(id) ? OptinState.OptedIn : OptinState.None, contact!.GetState("newsletter"));
            Assert.Equal(before[id] + (expected.Contains(id) ? 1 : 0), after[id]);
        }

        var entry = (await _store.Ledger.ReadAsync(expected.First(), None).ToListAsync())[^1];
        Assert.Equal((ConsentEventKind.SetInBulk, ConsentMethod.Bulk, Actor, Reason, LegalBasis),
            (entry.Kind, entry.Method, entry.Actor, entry.Reason, entry.LegalBasis));

        var again = await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(query, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);
        Assert.Equal(0, again.Count);
        Assert.Equal(after, await LedgerCountsAsync(population));
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task SetOptinInBulkAsync_ListenerOnContactOptinChanged_GetsOneEventPerChangedContactInsideTheTransaction()
    {
        var optedIn = await AddAsync("jean@exemple.fr");
        var none = await AddAsync("marie@exemple.fr");
        await _contacts.SetOptinAsync(new ManualOptinChange(optedIn, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);
        var log = _services.GetRequiredService<ListenerProbeLog>();
        log.Seen.Clear();

        var result = await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", OptinState.Withdrawn, Actor, Reason, LegalBasis), None);

        Assert.Equal(2, result.Count);
        var seen = log.Seen.Select(s => (Changed: Assert.IsType<ContactOptinChanged>(s.Event), s.InTransaction, s.Committed))
            .OrderBy(s => s.Changed.Previous).ToList();
        Assert.Equal([(none, OptinState.None), (optedIn, OptinState.OptedIn)], seen.Select(s => (s.Changed.ContactId, s.Changed.Previous)));
        Assert.All(seen, s => Assert.Equal((OptinState.Withdrawn, ConsentMethod.Bulk), (s.Changed.State, s.Changed.Method)));
        Assert.All(seen, s => Assert.Equal(OptinState.Withdrawn, s.InTransaction!.GetState("newsletter")));
        Assert.Equal(OptinState.OptedIn, seen[1].Committed!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task SetOptinInBulkAsync_NoListenerForContactOptinChanged_RaisesNothingAndStillChanges()
    {
        using var services = Some.Services(out _, configure: b => b.AddEventListener<DeafListener>());
        var contacts = services.GetRequiredService<ContactOptinService>();
        var store = services.GetRequiredService<IOptinStore>();
        var id = (await contacts.AddContactAsync(new NewContact("jean@exemple.fr"), None)).ContactId!.Value;

        var result = await contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.Equal(1, result.Count);
        Assert.Equal(OptinState.OptedIn, (await store.Contacts.FindAsync(id, None))!.GetState("newsletter"));
        Assert.Equal(0, services.GetServices<IOptinEventListener>().OfType<DeafListener>().Single().Calls);
    }

    /// <summary>Listens to nothing; counts the calls it gets anyway.</summary>
    private sealed class DeafListener : IOptinEventListener
    {
        private int _calls;

        public int Calls => _calls;

        public bool ListensTo(Type eventType) => false;

        public ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task ObjectToMarketingAsync_WithdrawsMarketingPurposesAndBlocksManualAndBulkOptinAfterwards()
    {
        var id = await AddAsync("jean@exemple.fr");
        var other = await AddAsync("marie@exemple.fr");
        await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        var objection = await _contacts.ObjectToMarketingAsync(id, ConsentMethod.EmailLink, null, None);

        Assert.True(objection.Succeeded);
        var contact = await _store.Contacts.FindAsync(id, None);
        Assert.True(contact!.ObjectedToMarketing);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        Assert.Equal(OptinState.None, contact.GetState("partners"));
        var objected = (await _store.Ledger.ReadAsync(id, None).ToListAsync()).Where(e => e.Kind == ConsentEventKind.Objected).ToList();
        Assert.Equal([("newsletter", OptinState.Withdrawn), ("partners", OptinState.None)], objected.Select(e => (e.PurposeId, e.State)));

        var manual = await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);
        var bulk = await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "partners", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.Equal(SubmissionCodes.Objected, manual.Code);
        Assert.Equal(1, bulk.Count);
        contact = await _store.Contacts.FindAsync(id, None);
        Assert.Equal((OptinState.Withdrawn, OptinState.None), (contact!.GetState("newsletter"), contact.GetState("partners")));
        Assert.Equal(OptinState.OptedIn, (await _store.Contacts.FindAsync(other, None))!.GetState("partners"));
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task SetOptinAsync_MarketingPurposeThePersonWithdrew_IsRefusedAndChangesNothing()
    {
        var id = await AddAsync("jean@exemple.fr");
        Assert.True((await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None)).Succeeded);
        Assert.True((await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.Withdrawn, Actor, "asked by phone", "phone call"), None)).Succeeded);
        var ledger = await _store.Ledger.ReadAsync(id, None).CountAsync();
        _clock.AdvanceHours(1);

        var again = await _contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.False(again.Succeeded);
        Assert.Equal(SubmissionCodes.Withdrawn, again.Code);
        Assert.Equal(OptinState.Withdrawn, (await _store.Contacts.FindAsync(id, None))!.GetState("newsletter"));
        Assert.Equal(ledger, await _store.Ledger.ReadAsync(id, None).CountAsync());
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task SetOptinInBulkAsync_OptIn_LeavesContactsWhoWithdrewThePurpose()
    {
        var withdrew = await AddAsync("jean@exemple.fr");
        var never = await AddAsync("marie@exemple.fr");
        Assert.True((await _contacts.SetOptinAsync(new ManualOptinChange(withdrew, "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None)).Succeeded);
        Assert.True((await _contacts.SetOptinAsync(new ManualOptinChange(withdrew, "newsletter", OptinState.Withdrawn, Actor, "asked by phone", "phone call"), None)).Succeeded);
        _clock.AdvanceHours(1);

        var result = await _contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", OptinState.OptedIn, Actor, Reason, LegalBasis), None);

        Assert.Equal(1, result.Count);
        Assert.Equal(OptinState.Withdrawn, (await _store.Contacts.FindAsync(withdrew, None))!.GetState("newsletter"));
        Assert.Equal(OptinState.OptedIn, (await _store.Contacts.FindAsync(never, None))!.GetState("newsletter"));
    }

    private async Task<Guid> AddAsync(string email, ContactKind kind = ContactKind.Lead, ImmutableDictionary<string, string>? fields = null)
    {
        var result = await _contacts.AddContactAsync(new NewContact(email, kind, fields), None);
        Assert.True(result.Succeeded);
        return result.ContactId!.Value;
    }

    /// <summary>Five contacts created a day apart; each knows which criteria it matches.</summary>
    private async Task<List<(Guid Id, string[] Matches)>> PopulationAsync()
    {
        var dupont = ImmutableDictionary<string, string>.Empty.Add("company", "Atelier Dupont");
        var list = new List<(Guid, string[])>
        {
            (await AddAsync("a@exemple.fr", ContactKind.Contact, dupont), ["kind", "field", "last-activity"]),
        };
        _clock.AdvanceDays(1);
        list.Add((await AddAsync("b@exemple.fr"), ["state", "created", "last-activity"]));
        _clock.AdvanceDays(1);
        list.Add((await AddAsync("c@exemple.fr", ContactKind.Account, dupont.SetItem("company", "atelier dupont")), ["tag", "created"]));
        _clock.AdvanceDays(1);
        list.Add((await AddAsync("d@exemple.fr", ContactKind.Contact), ["kind", "state"]));
        _clock.AdvanceDays(1);
        list.Add((await AddAsync("e@exemple.fr", fields: dupont), ["field", "tag"]));

        foreach (var (id, matches) in list)
        {
            if (matches.Contains("state"))
            {
                await _contacts.SetOptinAsync(new ManualOptinChange(id, "partners", OptinState.Withdrawn, Actor, "Asked by phone", "phone call"), None);
            }
        }

        await using var tx = await _store.BeginTransactionAsync(None);
        foreach (var (id, matches) in list.Where(p => p.Item2.Contains("tag")))
        {
            var contact = await tx.Contacts.FindAsync(id, None);
            await tx.Contacts.SaveAsync(contact! with { Tags = contact.Tags.Add("salon-2026") }, None);
        }

        await tx.CommitAsync(None);
        return list;
    }

    private async Task<Dictionary<Guid, int>> LedgerCountsAsync(List<(Guid Id, string[] Matches)> population)
    {
        var counts = new Dictionary<Guid, int>();
        foreach (var (id, _) in population)
        {
            counts[id] = (await _store.Ledger.ReadAsync(id, None).ToListAsync()).Count;
        }

        return counts;
    }
}
