using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>The unconfirmed sweep (DOI-5): what it erases, what it keeps, and the rules it lets run.</summary>
public sealed class UnconfirmedSweepTests
{
    private const string Dpo = "dpo@atelier-dupont.example";

    /// <summary>
    /// The sample's rules plus two on <c>DoubleOptinExpired</c>: one to a fixed address, one to the contact. The quote
    /// request form declares its own processing (a request of its own), kept 365 days.
    /// </summary>
    private static Flow StartWithExpiryRules(Action<Dictionary<string, string?>>? amend = null) => Flow.Start(s =>
    {
        DeclareQuoteProcessing(s);
        s["OptinForms:Rules:4:Name"] = "tell-the-dpo";
        s["OptinForms:Rules:4:When"] = "DoubleOptinExpired";
        s["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:4:Then:0:Args:Template"] = "owner-notification";
        s["OptinForms:Rules:4:Then:0:Args:To"] = Dpo;
        s["OptinForms:Rules:5:Name"] = "tell-the-person";
        s["OptinForms:Rules:5:When"] = "DoubleOptinExpired";
        s["OptinForms:Rules:5:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:5:Then:0:Args:Template"] = "owner-notification";
        amend?.Invoke(s);
    });

    private static void DeclareQuoteProcessing(Dictionary<string, string?> s)
    {
        s["OptinForms:Forms:contact:Processing:Purpose"] = "Répondre à votre demande de devis.";
        s["OptinForms:Forms:contact:Processing:LegalBasis"] = "Contract";
        s["OptinForms:Forms:contact:Processing:Retention"] = "365.00:00:00";
    }

    private static async Task<int> SweepAfterWindowAsync(Flow flow)
    {
        flow.Advance(Duration.FromDays(14));
        return await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default);
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "RET-3")]
    [Trait("Requirement", "ABU-5")]
    public async Task Sweep_UnconfirmedPostOverAWithdrawal_KeepsThePersonAndTheirWithdrawal()
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow);
        Assert.True((await flow.Services.GetRequiredService<ContactOptinService>().SetOptinAsync(
            new ManualOptinChange(contactId, "newsletter", OptinState.Withdrawn, "claire", "asked by phone", "phone call"), default)).Succeeded);

        // Someone posts the address again and nobody confirms.
        await flow.SubmitAsync();
        await flow.RunAsync();
        Assert.Equal(OptinState.PendingConfirmation, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.NotNull(contact);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        var ledger = await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync();
        Assert.Contains(ledger, e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Contains(ledger, e => e.Kind == ConsentEventKind.SetManually && e.State == OptinState.Withdrawn);
        Assert.Equal((ConsentEventKind.Expired, OptinState.Withdrawn), (ledger[^1].Kind, ledger[^1].State));
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "WD-6")]
    [Trait("Requirement", "ABU-5")]
    public async Task Sweep_UnconfirmedPostOverAnObjection_KeepsThePersonAndTheirObjection()
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow);
        Assert.True((await flow.Services.GetRequiredService<ContactOptinService>().ObjectToMarketingAsync(contactId, ConsentMethod.Manual, "claire", default)).Succeeded);

        await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.NotNull(contact);
        Assert.True(contact.ObjectedToMarketing);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        Assert.Contains(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.Objected);
    }

    private static async Task<Guid> ConfirmedAsync(Flow flow)
    {
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[^1]), Flow.Visitor, default));
        await flow.RunAsync();
        return contactId;
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task Sweep_DoubleOptinExpiredRules_RunAndNothingReachesTheErasedPerson()
    {
        using var flow = StartWithExpiryRules();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var sentBefore = flow.Mail.Messages.Count;

        Assert.Equal(1, await SweepAfterWindowAsync(flow));
        await flow.RunAsync();

        Assert.Null(await flow.Store.Contacts.FindAsync(contactId, default));
        var jobs = (await flow.JobsAsync()).Where(j => j.RuleName is "tell-the-dpo" or "tell-the-person").ToList();
        Assert.Equal(JobStatus.Done, jobs.Single(j => j.RuleName == "tell-the-dpo").Status);
        Assert.Equal(JobStatus.Skipped, jobs.Single(j => j.RuleName == "tell-the-person").Status);
        var sent = Assert.Single(flow.Mail.Messages.Skip(sentBefore));
        Assert.Equal(Dpo, sent.To.Mailboxes.Single().Address);
        // The owner learns that an opt-in expired, nothing about the person erased.
        Assert.DoesNotContain("jean", $"{sent.Subject}{sent.TextBody}{sent.HtmlBody}", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(flow.Mail.Messages.Skip(sentBefore), m => m.To.Mailboxes.Any(a => a.Address == "jean.dupont@exemple.fr"));
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "CONS-5")]
    public async Task Sweep_QuoteRequestWithNewsletterNeverConfirmed_KeepsTheRequestAndDropsThePendingOptin()
    {
        using var flow = StartWithExpiryRules();
        var quote = await flow.SubmitAsync(form: "contact");
        await flow.RunAsync();
        var doi = flow.Mail.Messages.Single(m => m.Subject == "Confirmez votre inscription");

        Assert.Equal(1, await SweepAfterWindowAsync(flow));
        await flow.RunAsync();

        var contact = await flow.Store.Contacts.FindAsync(quote.ContactId!.Value, default);
        Assert.NotNull(contact);
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
        var submission = Assert.Single(await flow.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal("Bonjour, un devis ?", submission.Values["message"]);
        var expired = (await flow.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync()).Single(e => e.Kind == ConsentEventKind.Expired);
        Assert.Equal(("newsletter", "unconfirmed"), (expired.PurposeId, expired.Reason));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        // The kept person is not erased, so the rule to the contact may reach them; the owner is told too.
        Assert.Contains(flow.Mail.Messages, m => m.To.Mailboxes.Single().Address == Dpo);
        Assert.Equal(0, await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task Sweep_PureNewsletterSignUpNeverConfirmed_IsErasedWithItsSubmission()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
        Assert.Empty(await flow.Store.Submissions.ListByContactAsync(result.ContactId.Value, default).ToListAsync());
        var tombstone = Assert.Single(await flow.Store.Ledger.ReadAsync(result.ContactId.Value, default).ToListAsync());
        Assert.Equal(ConsentEventKind.Erased, tombstone.Kind);
    }

    [Theory]
    [Trait("Requirement", "DOI-5")]
    [InlineData("Contact")]
    [InlineData("Account")]
    public async Task Sweep_CustomerNeverConfirmed_IsKeptWithoutThePendingOptin(string kind)
    {
        using var flow = Flow.Start(s => s["OptinForms:Forms:newsletter:ContactKind"] = kind);
        var result = await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        var contact = await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default);
        Assert.Equal(OptinState.None, contact!.GetState("newsletter"));
        Assert.Single(await flow.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal(ConsentEventKind.Expired, (await flow.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync())[^1].Kind);
    }

    [Theory]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "PROC-1")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sweep_FormWithOnlyOptionalFields_IsARequestOfItsOwnExactlyWhenItDeclaresItsProcessing(bool declared)
    {
        // The declared processing, not the shape of the form (a required field besides the address), makes a request.
        using var flow = Flow.Start(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith("OptinForms:Forms:contact:Processing", StringComparison.Ordinal)).ToList())
            {
                s.Remove(key);
            }

            s["OptinForms:Forms:contact:Fields:1:Required"] = "false";
            if (declared)
            {
                DeclareQuoteProcessing(s);
            }
        });
        var result = await flow.SubmitAsync(form: "contact");
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        Assert.Equal(declared, await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default) is not null);
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "PROC-1")]
    public async Task Sweep_RequestPastItsDeclaredRetention_NoLongerKeepsTheContact()
    {
        using var flow = Flow.Start(s =>
        {
            DeclareQuoteProcessing(s);
            s["OptinForms:Forms:contact:Processing:Retention"] = "10.00:00:00";
        });
        var result = await flow.SubmitAsync(form: "contact");
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    [Trait("Requirement", "RET-4")]
    public async Task Sweep_ArchiveOn_ArchivesNothingForAnOptinNeverConfirmed()
    {
        using var flow = Flow.Start(s => s["OptinForms:Retention:Archive"] = "true");
        var result = await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Equal(1, await SweepAfterWindowAsync(flow));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
        Assert.Null(await flow.Services.GetRequiredService<Optin.Forms.Retention.ProofArchive>().FindAsync(result.ContactId.Value, default));
    }
}
