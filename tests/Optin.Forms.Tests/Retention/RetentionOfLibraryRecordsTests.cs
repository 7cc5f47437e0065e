using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Retention;

/// <summary>
/// The retention sweep and what the library itself keeps (RET-4): finished jobs, tombstones and the intermediate archive;
/// the retention of a request of its own (declared processing) and of a profile after its last withdrawal.
/// </summary>
public sealed class RetentionOfLibraryRecordsTests
{
    private static readonly Duration OneMs = Duration.FromMilliseconds(1);

    /// <summary>The quote request form declares its own processing, kept 365 days after it was sent.</summary>
    private static readonly (string, string?)[] QuoteProcessing =
    [
        ("OptinForms:Forms:contact:Processing:Purpose", "Répondre à votre demande de devis."),
        ("OptinForms:Forms:contact:Processing:LegalBasis", "Contract"),
        ("OptinForms:Forms:contact:Processing:Retention", "365.00:00:00"),
    ];

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task SweepAsync_FinishedJobs_DeletedAfterFinishedJobsRetentionPendingNever()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:FinishedJobs", "30.00:00:00"));
        var now = f.Clock.GetCurrentInstant();
        var done = Job(now, JobStatus.Done, now);
        var cancelled = Job(now, JobStatus.Cancelled, now + Duration.FromDays(2));
        var pending = Job(now + Duration.FromDays(3650), JobStatus.Pending, null);
        await EnqueueAsync(f, done, cancelled, pending);

        f.Clock.Advance(Duration.FromDays(30));
        var atThirty = await f.Sweeper.SweepAsync(default);
        f.Clock.Advance(Duration.FromDays(1) + OneMs);
        var dry = await f.Sweeper.SweepAsync(dryRun: true, default);
        var jobsAfterDryRun = await f.Store.Jobs.ListJobsAsync(null, default).CountAsync();
        var after = await f.Sweeper.SweepAsync(default);

        Assert.Equal(0, atThirty.FinishedJobsDeleted);
        Assert.Equal((1, 3), (dry.FinishedJobsDeleted, jobsAfterDryRun));
        Assert.Equal(1, after.FinishedJobsDeleted);
        Assert.Equal([cancelled.Id, pending.Id], await f.Store.Jobs.ListJobsAsync(null, default).Select(j => j.Id).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    [Trait("Requirement", "CONS-8")]
    public async Task SweepAsync_Tombstones_DeletedAfterTombstonesRetentionOtherEntriesStay()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:Tombstones", "100.00:00:00"));
        var erased = await f.SeedAsync("erased@exemple.fr");
        var kept = await f.SeedAsync("kept@exemple.fr", ContactKind.Account);
        var given = Event(kept.Id, ConsentEventKind.Given, f.Clock.GetCurrentInstant());
        await AppendAsync(f, given);
        f.Clock.Advance(Duration.FromDays(1095));
        Assert.Equal(1, (await f.Sweeper.SweepAsync(default)).Erased);
        var tombstone = Assert.Single(await f.Store.Ledger.ReadAsync(erased.Id, default).ToListAsync());
        Assert.Equal(ConsentEventKind.Erased, tombstone.Kind);

        f.Clock.Advance(Duration.FromDays(100) - OneMs);
        var before = await f.Sweeper.SweepAsync(default);
        f.Clock.Advance(OneMs + OneMs);
        var after = await f.Sweeper.SweepAsync(default);

        Assert.Equal((0, 1), (before.TombstonesDeleted, after.TombstonesDeleted));
        Assert.Empty(await f.Store.Ledger.ReadAsync(erased.Id, default).ToListAsync());
        Assert.Equal([given.Id], await f.Store.Ledger.ReadAsync(kept.Id, default).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task SweepAsync_ArchiveOn_KeepsTheConsentProofApartUntilArchivePeriodThenPurgesIt()
    {
        using var f = SeededEngine.Start(("OptinForms:Retention:Archive", "true"), ("OptinForms:Retention:ArchivePeriod", "1826.00:00:00"));
        var lead = await f.SeedAsync("jean.dupont@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        var submission = Submission(lead, "newsletter", f.Clock.GetCurrentInstant());
        var given = Event(lead.Id, ConsentEventKind.Given, f.Clock.GetCurrentInstant()) with
        {
            ConsentText = Some.ConsentFr, ConsentTextSha256 = Optin.Forms.Schema.Hashing.Sha256Hex(Some.ConsentFr), SubmissionId = submission.Id,
        };
        await using (var tx = await f.Store.BeginTransactionAsync(default))
        {
            await tx.Submissions.AddAsync(submission, default);
            await tx.Ledger.AppendAsync([given], default);
            await tx.CommitAsync(default);
        }

        f.Clock.Advance(Duration.FromDays(1095));
        var swept = await f.Sweeper.SweepAsync(default);
        var archivedAt = f.Clock.GetCurrentInstant();
        var archive = f.Services.GetRequiredService<ProofArchive>();
        var proof = await archive.FindAsync(lead.Id, default);

        Assert.Equal((1, 1), (swept.Erased, swept.Archived));
        Assert.False(await f.ExistsAsync(lead));
        Assert.NotNull(proof);
        Assert.Equal((archivedAt, archivedAt + Duration.FromDays(1826)), (proof.ArchivedAt, proof.KeepUntil));
        using (var document = JsonDocument.Parse(proof.Document))
        {
            var root = document.RootElement;
            Assert.Equal(EvidenceDocument.SchemaId, root.GetProperty("schema").GetString());
            Assert.Equal("jean.dupont@exemple.fr", root.GetProperty("contact").GetProperty("email").GetString());
            Assert.Equal(submission.Id, root.GetProperty("submissions")[0].GetProperty("id").GetGuid());
            var entry = root.GetProperty("events")[0];
            Assert.Equal(Some.ConsentFr, entry.GetProperty("consentText").GetString());
            Assert.True(entry.GetProperty("consentTextVerified").GetBoolean());
        }

        // Not readable through the active data's services.
        Assert.Null(await f.Services.GetRequiredService<EvidenceService>().GetEvidenceAsync(lead.Id, default));

        f.Clock.Advance(Duration.FromDays(1826) - OneMs);
        Assert.Equal(0, (await f.Sweeper.SweepAsync(default)).ArchivedProofsDeleted);
        f.Clock.Advance(OneMs);
        Assert.Equal(1, (await f.Sweeper.SweepAsync(default)).ArchivedProofsDeleted);
        Assert.Null(await archive.FindAsync(lead.Id, default));
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task SweepAsync_ArchiveOff_DestroysTheProofWithTheProfile()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr");
        await AppendAsync(f, Event(lead.Id, ConsentEventKind.Given, f.Clock.GetCurrentInstant()));

        f.Clock.Advance(Duration.FromDays(1095));
        var swept = await f.Sweeper.SweepAsync(default);

        Assert.Equal((1, 0), (swept.Erased, swept.Archived));
        Assert.Null(await f.Services.GetRequiredService<ProofArchive>().FindAsync(lead.Id, default));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    [Trait("Requirement", "RET-3")]
    public async Task SweepAsync_LeadThatWithdrewItsLastPurpose_IsErasedAtTheNextSweepAndItsAddressStaysSuppressed()
    {
        using var f = SeededEngine.Start();
        var lead = await f.SeedAsync("jean.dupont@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        var partly = await f.SeedAsync("marie@exemple.fr", optins: [("newsletter", OptinState.OptedIn), ("partners", OptinState.OptedIn)]);
        f.Clock.Advance(Duration.FromDays(10));
        var contacts = f.Services.GetRequiredService<ContactOptinService>();
        foreach (var (contact, purpose) in new[] { (lead, "newsletter"), (partly, "partners") })
        {
            var change = new ManualOptinChange(contact.Id, purpose, OptinState.Withdrawn, "dpo", "asked by phone", "Art. 7(3)");
            Assert.True((await contacts.SetOptinAsync(change, default)).Succeeded);
        }

        f.Clock.Advance(Duration.FromDays(1));
        var report = await f.Sweeper.SweepAsync(default);

        Assert.Equal((2, 1, 1), (report.Examined, report.Erased, report.Kept));
        Assert.False(await f.ExistsAsync(lead));
        Assert.True(await f.ExistsAsync(partly));
        var entry = await f.SuppressionAsync(lead.EmailKey);
        Assert.NotNull(entry);
        Assert.Equal(f.Clock.GetCurrentInstant() + Duration.FromDays(1095), entry.ExpiresAt);
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    [Trait("Requirement", "PROC-1")]
    public async Task SweepAsync_RequestOfItsOwn_KeptForTheDeclaredProcessingRetentionAfterItWasSentThenErased()
    {
        using var f = SeededEngine.Start(QuoteProcessing);
        var quote = await f.SeedAsync("quote@exemple.fr");
        var signUp = await f.SeedAsync("signup@exemple.fr");
        var now = f.Clock.GetCurrentInstant();
        await using (var tx = await f.Store.BeginTransactionAsync(default))
        {
            await tx.Submissions.AddAsync(Submission(quote, "contact", now + Duration.FromDays(30)), default);
            await tx.Submissions.AddAsync(Submission(signUp, "newsletter", now + Duration.FromDays(30)), default);
            await tx.CommitAsync(default);
        }

        f.Clock.Advance(Duration.FromDays(395) - OneMs);
        await f.Sweeper.SweepAsync(default);
        var keptBefore = await f.ExistsAsync(quote);
        f.Clock.Advance(OneMs);
        await f.Sweeper.SweepAsync(default);

        Assert.True(keptBefore);
        Assert.False(await f.ExistsAsync(quote));
        Assert.Empty(await f.Store.Submissions.ListByContactAsync(quote.Id, default).ToListAsync());
        // A form without a declared processing is no request of its own: the prospect default (3 years) applies.
        Assert.True(await f.ExistsAsync(signUp));
    }

    [Fact]
    [Trait("Requirement", "RET-1")]
    [Trait("Requirement", "PROC-1")]
    public async Task SweepAsync_RequestPastItsRetention_StaysWhileAHeldPurposeNeedsTheContact()
    {
        using var f = SeededEngine.Start(QuoteProcessing);
        var lead = await f.SeedAsync("quote@exemple.fr", optins: ("newsletter", OptinState.OptedIn));
        await using (var tx = await f.Store.BeginTransactionAsync(default))
        {
            await tx.Submissions.AddAsync(Submission(lead, "contact", f.Clock.GetCurrentInstant()), default);
            await tx.CommitAsync(default);
        }

        f.Clock.Advance(Duration.FromDays(400));
        await f.Sweeper.SweepAsync(default);
        var kept = await f.ExistsAsync(lead);
        f.Clock.Advance(Duration.FromDays(695));
        await f.Sweeper.SweepAsync(default);

        Assert.True(kept);
        Assert.False(await f.ExistsAsync(lead));
    }

    private static JobRecord Job(Instant due, JobStatus status, Instant? finished) => new()
    {
        Id = Guid.NewGuid(), Action = "SendEmail", ContactId = Guid.NewGuid(), Payload = "{}", CreatedAt = due, DueAt = due, Status = status,
        FinishedAt = finished,
    };

    private static async Task EnqueueAsync(SeededEngine f, params JobRecord[] jobs)
    {
        await using var tx = await f.Store.BeginTransactionAsync(default);
        foreach (var job in jobs)
        {
            await tx.Jobs.EnqueueAsync(job, default);
        }

        await tx.CommitAsync(default);
    }

    private static async Task AppendAsync(SeededEngine f, params ConsentEvent[] events)
    {
        await using var tx = await f.Store.BeginTransactionAsync(default);
        await tx.Ledger.AppendAsync(events, default);
        await tx.CommitAsync(default);
    }

    private static ConsentEvent Event(Guid contactId, ConsentEventKind kind, Instant at) => new()
    {
        Id = Guid.NewGuid(), ContactId = contactId, Kind = kind, State = OptinState.OptedIn, Method = ConsentMethod.Form, OccurredAt = at,
        PurposeId = "newsletter", Culture = "fr",
    };

    private static SubmissionRecord Submission(Contact contact, string formId, Instant at) => new()
    {
        Id = Guid.NewGuid(), FormId = formId, FormVersion = "v1", ContactId = contact.Id, ReceivedAt = at, Culture = "fr",
    };
}
