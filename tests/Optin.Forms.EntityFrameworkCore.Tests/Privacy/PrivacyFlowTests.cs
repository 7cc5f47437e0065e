using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Privacy;

/// <summary>
/// On an EF Core store: a post for a known address changes nothing about the person until a confirmation (ABU-5), and
/// the unconfirmed sweep keeps requests of their own, erases bare sign-ups and lets its rules run (DOI-5).
/// </summary>
public abstract class PrivacyFlowTests
{
    private const string Dpo = "dpo@atelier-dupont.example";

    private protected abstract Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings);

    private static Dictionary<string, string?> Settings()
    {
        var s = Some.Settings();
        s["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>";
        // The quote request declares its own processing: a request of its own, kept by the unconfirmed sweep (DOI-5, PROC-1).
        s["OptinForms:Forms:contact:Processing:Purpose"] = "Répondre à votre demande de devis.";
        s["OptinForms:Forms:contact:Processing:LegalBasis"] = "Contract";
        s["OptinForms:Forms:contact:Processing:Retention"] = "365.00:00:00";
        s["OptinForms:Rules:0:Name"] = "double-opt-in";
        s["OptinForms:Rules:0:When"] = "FormSubmitted";
        s["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        s["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        s["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        s["OptinForms:Rules:1:Name"] = "tell-the-dpo";
        s["OptinForms:Rules:1:When"] = "DoubleOptinExpired";
        s["OptinForms:Rules:1:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:1:Then:0:Args:Template"] = "owner-notification";
        s["OptinForms:Rules:1:Then:0:Args:To"] = Dpo;
        s["OptinForms:Rules:2:Name"] = "tell-the-person";
        s["OptinForms:Rules:2:When"] = "DoubleOptinExpired";
        s["OptinForms:Rules:2:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:2:Then:0:Args:Template"] = "owner-notification";
        return s;
    }

    private static string ConfirmToken(MimeMessage message) =>
        Regex.Match(message.TextBody ?? string.Empty, "https://example\\.test/optin/confirm/([A-Za-z0-9_-]{43})").Groups[1].Value;

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task KnownContact_PostsChangeNothingUntilTheConfirmationAppliesTheirOwnSubmission()
    {
        await using var host = await CreateHostAsync(b => b.UseInMemoryMailSender(), Settings());
        var services = host.Services;
        var clock = (FakeClock)services.GetRequiredService<IClock>();
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var runner = services.GetRequiredService<JobRunner>();
        var mail = services.GetRequiredService<InMemoryMailSender>();
        var quote = await pipeline.SubmitAsync(Some.Post("contact", ("email", "marie.martin@exemple.fr"), ("message", "Un devis ?")), default);
        var contactId = quote.ContactId!.Value;
        clock.Advance(Duration.FromDays(2));

        var signUp = await pipeline.SubmitAsync(
            Some.Post("newsletter", ("email", "marie.martin@exemple.fr"), ("firstName", "Marie"), ("consent.newsletter", "true")), default);
        var pending = await host.Store.Contacts.FindAsync(contactId, default);
        Assert.Equal(contactId, signUp.ContactId);
        Assert.Equal([KeyValuePair.Create("message", "Un devis ?")], pending!.Fields);
        Assert.Equal(Some.Now, pending.LastActivityAt);

        await runner.RunDueJobsAsync(default);
        clock.Advance(Duration.FromHours(1));
        Assert.Equal(TokenStatus.Valid, await services.GetRequiredService<IDoubleOptinService>().ConfirmAsync(
            ConfirmToken(Assert.Single(mail.Messages)), new SubmissionContext("fr", null, "198.51.100.23", "Mozilla/5.0"), default));
        var confirmed = await host.Store.Contacts.FindAsync(contactId, default);
        Assert.Equal("Marie", confirmed!.Fields["firstName"]);
        Assert.Equal("Un devis ?", confirmed.Fields["message"]);
        Assert.Equal(clock.GetCurrentInstant(), confirmed.LastActivityAt);
        Assert.Equal(OptinState.OptedIn, confirmed.GetState("newsletter"));
        var ledger = await host.Store.Ledger.ReadAsync(contactId, default).ToListAsync();
        var entry = ledger.Single(e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Equal(signUp.SubmissionId, entry.SubmissionId);
        Assert.Equal(ledger.Single(e => e.Kind == ConsentEventKind.Given).ConsentTextSha256, entry.ConsentTextSha256);

        clock.Advance(Duration.FromDays(30));
        await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "MARIE.martin@exemple.fr"), ("firstName", "https://spam.example"),
            ("consent.newsletter", "true")), default);
        var after = await host.Store.Contacts.FindAsync(contactId, default);
        Assert.Equal(confirmed.Fields.OrderBy(f => f.Key), after!.Fields.OrderBy(f => f.Key));
        Assert.Equal(confirmed.LastActivityAt, after.LastActivityAt);
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task UnconfirmedSweep_KeepsTheQuoteRequestErasesTheBareSignUpAndRunsItsRules()
    {
        await using var host = await CreateHostAsync(b => b.UseInMemoryMailSender(), Settings());
        var services = host.Services;
        var clock = (FakeClock)services.GetRequiredService<IClock>();
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var runner = services.GetRequiredService<JobRunner>();
        var mail = services.GetRequiredService<InMemoryMailSender>();
        var quote = await pipeline.SubmitAsync(Some.Post("contact", ("email", "marie.martin@exemple.fr"), ("message", "Un devis ?"),
            ("consent.newsletter", "true")), default);
        var bare = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", "Jean"),
            ("consent.newsletter", "true")), default);
        await runner.RunDueJobsAsync(default);
        Assert.Equal(2, mail.Messages.Count);

        clock.Advance(Duration.FromDays(14));
        Assert.Equal(2, await services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));
        while (await runner.RunDueJobsAsync(default) > 0)
        {
        }

        var kept = await host.Store.Contacts.FindAsync(quote.ContactId!.Value, default);
        Assert.Equal(OptinState.None, kept!.GetState("newsletter"));
        Assert.Equal("Un devis ?", Assert.Single(await host.Store.Submissions.ListByContactAsync(kept.Id, default).ToListAsync()).Values["message"]);
        Assert.Contains(await host.Store.Ledger.ReadAsync(kept.Id, default).ToListAsync(), e => e.Kind == ConsentEventKind.Expired);
        Assert.Null(await host.Store.Contacts.FindAsync(bare.ContactId!.Value, default));
        Assert.Empty(await host.Store.Submissions.ListByContactAsync(bare.ContactId.Value, default).ToListAsync());

        var after = mail.Messages.Skip(2).ToList();
        Assert.Equal(2, after.Count(m => m.To.Mailboxes.Single().Address == Dpo));
        Assert.DoesNotContain(after, m => m.To.Mailboxes.Single().Address == "jean.dupont@exemple.fr");
        Assert.Single(after, m => m.To.Mailboxes.Single().Address == "marie.martin@exemple.fr");
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task RetentionSweep_ArchiveOn_ConfirmedThenWithdrawnProspect_ArchivesTheProofErasesTheProfileThenPurgesJobsAndTombstone()
    {
        var settings = Settings();
        settings["OptinForms:Retention:Archive"] = "true";
        await using var host = await CreateHostAsync(b => b.UseInMemoryMailSender(), settings);
        var services = host.Services;
        var clock = (FakeClock)services.GetRequiredService<IClock>();
        var runner = services.GetRequiredService<JobRunner>();
        var signUp = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("newsletter",
            ("email", "jean.dupont@exemple.fr"), ("firstName", "Jean"), ("consent.newsletter", "true")), default);
        var id = signUp.ContactId!.Value;
        await runner.RunDueJobsAsync(default);
        Assert.Equal(TokenStatus.Valid, await services.GetRequiredService<IDoubleOptinService>().ConfirmAsync(
            ConfirmToken(Assert.Single(services.GetRequiredService<InMemoryMailSender>().Messages)),
            new SubmissionContext("fr", null, "198.51.100.23", "Mozilla/5.0"), default));
        clock.Advance(Duration.FromDays(30));
        Assert.True((await services.GetRequiredService<ContactOptinService>().SetOptinAsync(
            new ManualOptinChange(id, "newsletter", OptinState.Withdrawn, "dpo", "asked by phone", "Art. 7(3)"), default)).Succeeded);
        clock.Advance(Duration.FromDays(1));

        var sweeper = services.GetRequiredService<Optin.Forms.Retention.RetentionSweeper>();
        var swept = await sweeper.SweepAsync(default);
        var proof = await services.GetRequiredService<Optin.Forms.Retention.ProofArchive>().FindAsync(id, default);

        Assert.Equal((1L, 1L), (swept.Erased, swept.Archived));
        Assert.Null(await host.Store.Contacts.FindAsync(id, default));
        Assert.NotNull(proof);
        Assert.Contains("\"Confirmed\"", proof.Document, StringComparison.Ordinal);
        Assert.Contains("\"EmailSent\"", proof.Document, StringComparison.Ordinal);
        Assert.Contains("jean.dupont@exemple.fr", proof.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("Jean\"", proof.Document, StringComparison.Ordinal); // submission metadata, not field values

        clock.Advance(Duration.FromDays(1826) + Duration.FromMilliseconds(1));
        var purged = await sweeper.SweepAsync(default);

        Assert.True(purged.FinishedJobsDeleted >= 1);
        Assert.Equal((1L, 1L), (purged.TombstonesDeleted, purged.ArchivedProofsDeleted));
        Assert.Empty(await host.Store.Jobs.ListJobsAsync(id, default).ToListAsync());
        Assert.Empty(await host.Store.Ledger.ReadAsync(id, default).ToListAsync());
        Assert.Null(await services.GetRequiredService<Optin.Forms.Retention.ProofArchive>().FindAsync(id, default));
    }
}
