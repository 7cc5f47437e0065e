using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

public sealed class ErasureTests
{
    [Fact]
    [Trait("Requirement", "DSR-2")]
    [Trait("Requirement", "RET-3")]
    public async Task EraseAsync_PendingDoubleOptin_RemovesEverythingReportsItAndTheQueuedEmailNeverGoes()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        flow.Advance(Duration.FromMinutes(1));

        var report = await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo@atelier-dupont.example", ErasureReason.DataSubjectRequest, "DPO-42", default);

        Assert.NotNull(report);
        Assert.Equal(1, report.Removed["contact"]);
        Assert.Equal(1, report.Removed["fields"]);
        Assert.Equal(1, report.Removed["submissions"]);
        Assert.Equal(1, report.Removed["ledgerEntries"]);
        Assert.Equal(1, report.Removed["optins"]);
        Assert.Equal(2, report.Removed["jobsCancelled"]);
        Assert.Equal(["tombstone", "suppression", "jobHistory"], report.Kept.Select(k => k.What).ToArray());
        Assert.All(report.Kept, k => Assert.False(string.IsNullOrWhiteSpace(k.Reason)));

        Assert.Equal(0, await flow.RunAsync());
        flow.Advance(Duration.FromDays(4));
        Assert.Equal(0, await flow.RunAsync());
        Assert.Empty(flow.Mail.Messages);
        Assert.All(await flow.JobsAsync(), j => Assert.Equal(JobStatus.Cancelled, j.Status));
        Assert.Null(await flow.Store.Contacts.FindAsync(contactId, default));
        Assert.Empty(await flow.Store.Submissions.ListByContactAsync(contactId, default).ToListAsync());
        var tombstone = Assert.Single(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync());
        Assert.Equal(ConsentEventKind.Erased, tombstone.Kind);
        Assert.Equal("dpo@atelier-dupont.example", tombstone.Actor);
        Assert.Equal("data-subject-request DPO-42", tombstone.Reason);
        Assert.Null(tombstone.IpAddress);
        Assert.Null(tombstone.ConsentText);

        var options = flow.Services.GetRequiredService<IOptions<OptinFormsOptions>>().Value;
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        var suppression = await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, options, "jean.dupont@exemple.fr", default), default);
        Assert.NotNull(suppression);
        Assert.Equal("erased", suppression.Reason);
        Assert.Equal(Some.Now + Duration.FromMinutes(1) + Duration.FromDays(1095), suppression.ExpiresAt);
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task EraseAsync_ThenReimportedAndOptedInByHand_NoMarketingUntilANewDoubleOptin()
    {
        using var flow = Flow.Start();
        var service = flow.Services.GetRequiredService<PersonalDataService>();
        var first = (await flow.SubmitAsync()).ContactId!.Value;
        await service.EraseAsync(first, "dpo", ErasureReason.DataSubjectRequest, null, default);

        // A re-import cannot opt the address in by hand; opted in in bulk, its campaign is stopped by the suppression.
        var contacts = flow.Services.GetRequiredService<ContactOptinService>();
        var again = (await contacts.AddContactAsync(new NewContact("jean.dupont@exemple.fr"), default)).ContactId!.Value;
        var manual = await contacts.SetOptinAsync(new ManualOptinChange(again, "newsletter", OptinState.OptedIn, "ops", "re-import", "old list"), default);
        Assert.Equal(SubmissionCodes.Suppressed, manual.Code);
        Assert.Equal(1, (await contacts.SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", OptinState.OptedIn, "ops", "re-import", "old list"), default)).Count);
        await EnqueueWelcomeAsync(flow, again);
        await flow.RunAsync();
        Assert.Empty(flow.Mail.Messages);
        Assert.Contains(await flow.JobsAsync(), j => j.ContactId == again && j.Status == JobStatus.Skipped && j.LastError!.Contains("DOI-9", StringComparison.Ordinal));

        // The person signs up again: the confirmation email goes although the bulk change said "opted in", and the
        // confirmation lifts the suppression.
        await flow.SubmitAsync();
        await flow.RunAsync();
        var doi = Assert.Single(flow.Mail.Messages);
        Assert.Equal("Confirmez votre inscription", doi.Subject);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        await EnqueueWelcomeAsync(flow, again);
        await flow.RunAsync();
        Assert.Equal("Bienvenue, Jean !", flow.Mail.Messages[1].Subject);
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    public async Task EraseAsync_UnknownContact_ReturnsNull()
    {
        using var flow = Flow.Start();

        Assert.Null(await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(Guid.NewGuid(), "dpo", ErasureReason.DataSubjectRequest, null, default));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(Guid.NewGuid(), " ", ErasureReason.DataSubjectRequest, null, default));
    }

    private static async Task EnqueueWelcomeAsync(Flow flow, Guid contactId)
    {
        var payload = new JobPayload
        {
            Args = new(StringComparer.OrdinalIgnoreCase) { ["Template"] = "welcome", ["Purpose"] = "newsletter" },
            EventType = "Campaign",
            Culture = "fr",
            PurposeId = "newsletter",
        };
        var now = flow.Clock.GetCurrentInstant();
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        await tx.Jobs.EnqueueAsync(JobFactory.Create("SendEmail", null, contactId, "newsletter", payload, now, now, "example.test"), default);
        await tx.CommitAsync(default);
    }
}
