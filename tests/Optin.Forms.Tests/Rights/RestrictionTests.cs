using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

public sealed class RestrictionTests
{
    [Fact]
    public async Task SetRestrictionAsync_QueuedConfirmation_JobIsSkippedAndNoEmailGoes()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        var service = flow.Services.GetRequiredService<PersonalDataService>();

        Assert.True((await service.SetRestrictionAsync(contactId, true, "dpo", "Art. 18: accuracy contested", default)).Succeeded);
        await flow.RunAsync();

        Assert.Empty(flow.Mail.Messages);
        var skipped = Assert.Single(await flow.JobsAsync(), j => j.Status == JobStatus.Skipped);
        Assert.Equal(PersonalDataService.RestrictedReason, skipped.LastError);
        var entry = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Last();
        Assert.Equal(ConsentEventKind.ProcessingRestricted, entry.Kind);
        Assert.Equal("dpo", entry.Actor);
        Assert.Equal("Art. 18: accuracy contested", entry.Reason);
        Assert.True((await flow.Store.Contacts.FindAsync(contactId, default))!.ProcessingRestricted);
    }

    [Fact]
    public async Task SetRestrictionAsync_Restricted_RulesManualBulkAndRequestedOptinsLeaveThePersonAlone()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        var other = (await flow.SubmitAsync(email: "marie.curie@exemple.fr")).ContactId!.Value;
        await flow.Services.GetRequiredService<PersonalDataService>().SetRestrictionAsync(contactId, true, "dpo", "Art. 18", default);
        var jobsBefore = (await flow.JobsAsync()).Count(j => j.ContactId == contactId);
        var contacts = flow.Services.GetRequiredService<ContactOptinService>();

        await flow.SubmitAsync();
        var manual = await contacts.SetOptinAsync(new ManualOptinChange(contactId, "partners", OptinState.OptedIn, "ops", "salon", "paper form"), default);
        var bulk = await contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "partners", OptinState.OptedIn, "ops", "salon", "paper form"), default);
        var requested = await flow.Services.GetRequiredService<DoubleOptinRequestService>().RequestAsync(contactId, "partners", "fr", default);

        Assert.Equal(jobsBefore, (await flow.JobsAsync()).Count(j => j.ContactId == contactId));
        Assert.Equal(SubmissionCodes.Restricted, manual.Code);
        Assert.Equal(1, bulk.Count);
        Assert.Equal(0, requested.Count);
        Assert.Equal(OptinState.None, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("partners"));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(other, default))!.GetState("partners"));
    }

    [Fact]
    public async Task SetRestrictionAsync_LiftedBeforeTheJobIsDue_TheJobSendsAndTheLedgerSaysWho()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        var service = flow.Services.GetRequiredService<PersonalDataService>();
        await service.SetRestrictionAsync(contactId, true, "dpo", "Art. 18", default);

        Assert.Equal(SubmissionCodes.Unchanged, (await service.SetRestrictionAsync(contactId, true, "dpo", "again", default)).Code);
        Assert.True((await service.SetRestrictionAsync(contactId, false, "dpo", "accuracy verified", default)).Succeeded);
        await flow.RunAsync();

        Assert.Equal("jean.dupont@exemple.fr", Assert.Single(flow.Mail.Messages).To.Mailboxes.Single().Address);
        var lifted = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Single(e => e.Kind == ConsentEventKind.RestrictionLifted);
        Assert.Equal("accuracy verified", lifted.Reason);
        Assert.False((await flow.Store.Contacts.FindAsync(contactId, default))!.ProcessingRestricted);
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task SweepAsync_RestrictedAndUnconfirmed_KeepsThePersonsData()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.Services.GetRequiredService<PersonalDataService>().SetRestrictionAsync(contactId, true, "dpo", "Art. 18(1)(c): legal claim", default);
        flow.Advance(NodaTime.Duration.FromDays(15));

        Assert.Equal(0, await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));

        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.Equal(OptinState.PendingConfirmation, contact!.GetState("newsletter"));
    }
}
