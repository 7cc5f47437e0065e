using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Retention;
using Optin.Forms.Rights;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Retention;

public sealed class RetentionSweeperTests
{
    private static readonly Duration ThreeYears = Duration.FromDays(1095);
    private static readonly Duration OneMs = Duration.FromMilliseconds(1);

    [Fact]
    [Trait("Requirement", "RET-1")]
    public async Task SweepAsync_ProspectWithoutPurpose_KeptOneMsBeforeThreeYearsErasedOneMsAfter()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");

        f.Clock.Advance(ThreeYears - OneMs);
        var before = await f.Sweeper.SweepAsync(default);
        f.Clock.Advance(OneMs + OneMs);
        var after = await f.Sweeper.SweepAsync(default);

        Assert.Equal(new RetentionReport(false, 1, 0, 1), before);
        Assert.Equal(new RetentionReport(false, 1, 1, 0), after);
        Assert.False(await f.ExistsAsync(lead));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    public async Task SweepAsync_RestrictedProspect_IsKeptUntilTheRestrictionIsLifted()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");
        var rights = f.Services.GetRequiredService<PersonalDataService>();
        Assert.True((await rights.SetRestrictionAsync(lead.Id, true, "dpo", "Art. 18: kept for a legal claim", default)).Succeeded);

        f.Clock.Advance(ThreeYears + Duration.FromDays(30));
        await f.Sweeper.SweepAsync(default);
        var kept = await f.ExistsAsync(lead);
        Assert.True((await rights.SetRestrictionAsync(lead.Id, false, "dpo", "claim settled", default)).Succeeded);
        f.Clock.Advance(ThreeYears);
        await f.Sweeper.SweepAsync(default);

        Assert.True(kept);
        Assert.False(await f.ExistsAsync(lead));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    public async Task SweepAsync_ExactlyAtTheRetention_Erases()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");

        f.Clock.Advance(ThreeYears);
        await f.Sweeper.SweepAsync(default);

        Assert.False(await f.ExistsAsync(lead));
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    [Trait("Requirement", "CONS-8")]
    public async Task SweepAsync_ErasedProspect_LeavesTombstoneAndKeyedHashOnSuppressionList()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr", optins: ("newsletter", OptinState.Withdrawn));

        f.Clock.Advance(ThreeYears);
        await f.Sweeper.SweepAsync(default);

        var tombstone = Assert.Single(await f.Store.Ledger.ReadAsync(lead.Id, default).ToListAsync());
        Assert.Equal(ConsentEventKind.Erased, tombstone.Kind);
        Assert.Equal("retention", tombstone.Reason);
        Assert.Null(tombstone.ConsentText);
        var entry = await f.SuppressionAsync(lead.EmailKey);
        Assert.NotNull(entry);
        Assert.Equal(await f.HashAsync(lead.EmailKey), entry.AddressHash);
        Assert.DoesNotContain("@", entry.AddressHash + entry.Reason, StringComparison.Ordinal);
        Assert.Empty(await f.Store.Submissions.ListByContactAsync(lead.Id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task SweepAsync_SuppressionInForce_IsNotShortened()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");
        f.Clock.Advance(ThreeYears);
        var until = f.Clock.GetCurrentInstant() + Duration.FromDays(90);
        await using (var tx = await f.Store.BeginTransactionAsync(default))
        {
            await tx.Suppression.SaveAsync(new SuppressionEntry(await f.HashAsync(tx, lead.EmailKey), "not-me", f.Clock.GetCurrentInstant(), until), default);
            await tx.CommitAsync(default);
        }

        await f.Sweeper.SweepAsync(default);

        var entry = await f.SuppressionAsync(lead.EmailKey);
        Assert.Equal(("not-me", until), (entry!.Reason, entry.ExpiresAt));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    public async Task SweepAsync_SeveralPurposes_KeptWhileTheLongestHeldPurposeRuns()
    {
        // newsletter: 1095 days, partners: 365 days, default lowered to 200 days.
        using var f = SeededEngine.Start(("OptinForms:Retention:DefaultProspectRetention", "200.00:00:00"));
        var both = await f.SeedAsync("both@exemple.fr", optins: [("newsletter", OptinState.OptedIn), ("partners", OptinState.OptedIn)]);
        var partners = await f.SeedAsync("partners@exemple.fr", optins: ("partners", OptinState.PendingConfirmation));
        var withdrawn = await f.SeedAsync("withdrawn@exemple.fr", optins: [("newsletter", OptinState.Withdrawn), ("partners", OptinState.OptedIn)]);
        // Never held a purpose: the default. (A lead that withdrew its last one goes at once: RetentionOfLibraryRecordsTests.)
        var none = await f.SeedAsync("none@exemple.fr");

        f.Clock.Advance(Duration.FromDays(200) - OneMs);
        await f.Sweeper.SweepAsync(default);
        Assert.True(await f.ExistsAsync(none));
        f.Clock.Advance(OneMs);
        await f.Sweeper.SweepAsync(default);
        Assert.False(await f.ExistsAsync(none));

        f.Clock.Advance(Duration.FromDays(165) - OneMs);
        await f.Sweeper.SweepAsync(default);
        Assert.True(await f.ExistsAsync(partners));
        Assert.True(await f.ExistsAsync(withdrawn));
        f.Clock.Advance(OneMs + OneMs);
        var report = await f.Sweeper.SweepAsync(default);
        Assert.False(await f.ExistsAsync(partners));
        Assert.False(await f.ExistsAsync(withdrawn));
        Assert.True(await f.ExistsAsync(both));
        Assert.Equal(new RetentionReport(false, 3, 2, 1), report);

        f.Clock.Advance(Duration.FromDays(730) - OneMs - OneMs);
        await f.Sweeper.SweepAsync(default);
        Assert.True(await f.ExistsAsync(both));
        f.Clock.Advance(OneMs);
        await f.Sweeper.SweepAsync(default);
        Assert.False(await f.ExistsAsync(both));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    public async Task SweepAsync_AccountsAndContacts_AreNeverErased()
    {
        using var f = SeededEngine.Start();
        var account = await f.SeedAsync("compta@client.fr", ContactKind.Account);
        var contact = await f.SeedAsync("marie@client.fr", ContactKind.Contact, optins: ("newsletter", OptinState.OptedIn));

        f.Clock.Advance(ThreeYears * 3);
        var report = await f.Sweeper.SweepAsync(default);

        Assert.True(await f.ExistsAsync(account));
        Assert.True(await f.ExistsAsync(contact));
        Assert.Equal(0, report.Examined);
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task SweepAsync_RecentActivity_RestartsTheClock()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");
        f.Clock.Advance(ThreeYears - Duration.FromDays(1));
        await using (var tx = await f.Store.BeginTransactionAsync(default))
        {
            await tx.Contacts.SaveAsync(lead with { LastActivityAt = f.Clock.GetCurrentInstant() }, default);
            await tx.CommitAsync(default);
        }

        f.Clock.Advance(Duration.FromDays(2));
        await f.Sweeper.SweepAsync(default);

        Assert.True(await f.ExistsAsync(lead));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task SweepAsync_DryRun_ReportsCountsAndChangesNothing()
    {
        using var f = SeededEngine.Start();
        var old = await f.SeedAsync("old@exemple.fr");
        f.Clock.Advance(Duration.FromDays(400));
        var kept = await f.SeedAsync("kept@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        var leaver = await f.SeedAsync("leaver@exemple.fr", optins: ("partners", OptinState.OptedIn));
        f.Clock.Advance(ThreeYears - Duration.FromDays(400));

        var report = await f.Sweeper.SweepAsync(dryRun: true, default);

        Assert.Equal(new RetentionReport(true, 3, 2, 1), report);
        Assert.True(await f.ExistsAsync(old));
        Assert.True(await f.ExistsAsync(leaver));
        Assert.True(await f.ExistsAsync(kept));
        Assert.Null(await f.SuppressionAsync(old.EmailKey));
        Assert.Equal(3, await f.Store.Contacts.CountAsync(new ContactQuery(), default));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task SweepAsync_DryRunFromConfiguration_ChangesNothing()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:DryRun", "true"));
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");
        f.Clock.Advance(ThreeYears);

        var report = await f.Sweeper.SweepAsync(default);

        Assert.True(report.DryRun);
        Assert.Equal(1, report.Erased);
        Assert.True(await f.ExistsAsync(lead));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task SweepAsync_SecondRun_ErasesNothingMore()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:BatchSize", "2"));
        for (var i = 0; i < 5; i++)
        {
            await f.SeedAsync($"lead{i}@exemple.fr");
        }

        var keeper = await f.SeedAsync("keeper@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        f.Clock.Advance(Duration.FromDays(365));

        var first = await f.Sweeper.SweepAsync(default);
        f.Clock.Advance(ThreeYears - Duration.FromDays(365) - OneMs);
        var second = await f.Sweeper.SweepAsync(default);
        f.Clock.Advance(OneMs);
        var third = await f.Sweeper.SweepAsync(default);
        var fourth = await f.Sweeper.SweepAsync(default);

        Assert.Equal(new RetentionReport(false, 6, 0, 6), first);
        Assert.Equal(new RetentionReport(false, 6, 0, 6), second);
        Assert.Equal(new RetentionReport(false, 6, 6, 0), third);
        Assert.Equal(new RetentionReport(false, 0, 0, 0), fourth);
        Assert.False(await f.ExistsAsync(keeper));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task SweepAsync_ManyContactsCreatedAtOneInstantInSmallBatches_ErasesExpiredAndKeepsOthers()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:BatchSize", "3"),
            ("OptinForms:Retention:DefaultProspectRetention", "100.00:00:00"));
        var kept = new List<Contact>();
        for (var i = 0; i < 10; i++)
        {
            await f.SeedAsync($"gone{i}@exemple.fr");
            kept.Add(await f.SeedAsync($"kept{i}@exemple.fr", optins: ("newsletter", OptinState.OptedIn)));
        }

        f.Clock.Advance(Duration.FromDays(100));
        var report = await f.Sweeper.SweepAsync(default);

        Assert.Equal(new RetentionReport(false, 20, 10, 10), report);
        foreach (var contact in kept)
        {
            Assert.True(await f.ExistsAsync(contact));
        }

        Assert.Equal(10, await f.Store.Contacts.CountAsync(new ContactQuery(), default));
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    [Trait("Requirement", "SEC-8")]
    public async Task SweepAsync_Logs_CountsOnlyAndNoAddress()
    {
        using var f = SeededEngine.Start();
        await f.SeedAsync("jean.dupont@exemple.fr");
        await f.SeedAsync("marie.durand@exemple.fr");
        f.Clock.Advance(ThreeYears);

        await f.Sweeper.SweepAsync(dryRun: true, default);
        await f.Sweeper.SweepAsync(default);

        var entries = f.Log.Entries.ToList();
        Assert.Equal(2, entries.Count(e => e.EventId.Id == 3102));
        Assert.Contains(entries, e => e.Message == "The retention sweep (dry run: False) examined 2 prospect(s), erased 2, kept 0.");
        Assert.All(entries, e => Assert.DoesNotContain("exemple.fr", e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(entries, e => Assert.DoesNotContain("@", e.Message, StringComparison.Ordinal));
    }
}
