using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Jobs;
using Optin.Forms.Rights;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

/// <summary>The tombstone holds a code and a reference, never free text; it answers for the contact afterwards (DSR-5).</summary>
public sealed class ErasureTombstoneTests
{
    [Theory]
    [Trait("Requirement", "DSR-5")]
    [InlineData("Jean Dupont")]
    [InlineData("DPO-1 jean")]
    [InlineData("jean.dupont@exemple.fr")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task EraseAsync_ReferenceThatCouldHoldAName_ThrowsAndErasesNothing(string reference)
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        var service = flow.Services.GetRequiredService<PersonalDataService>();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await service.EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest, reference, default));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await service.EraseAsync(contactId, "dpo", (ErasureReason)42, null, default));

        Assert.NotNull(await flow.Store.Contacts.FindAsync(contactId, default));
        Assert.DoesNotContain(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.Erased);
        Assert.Null(await service.FindTombstoneAsync(contactId, default));
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task FindTombstoneAsync_AfterErasure_GivesWhenWhyReferenceAndWho_AndNothingForAContactNeverSeen()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        var service = flow.Services.GetRequiredService<PersonalDataService>();
        Assert.Null(await service.FindTombstoneAsync(contactId, default));

        var report = await service.EraseAsync(contactId, "dpo@atelier-dupont.example", ErasureReason.Objection, "zendesk#4812", default);

        var tombstone = await service.FindTombstoneAsync(contactId, default);
        Assert.Equal(new ErasureTombstone(contactId, report!.ErasedAt, ErasureReason.Objection, "zendesk#4812", "dpo@atelier-dupont.example"), tombstone);
        Assert.Null(await service.FindTombstoneAsync(Guid.NewGuid(), default));
    }

    [Theory]
    [Trait("Requirement", "DSR-5")]
    [InlineData("retention", ErasureReason.RetentionExpired, null)]
    [InlineData("not-me", ErasureReason.NotMe, null)]
    [InlineData("data-subject-request DPO-2026-017", ErasureReason.DataSubjectRequest, "DPO-2026-017")]
    [InlineData("Art. 17 request from Jean Dupont", ErasureReason.Other, null)]
    [InlineData("other Jean Dupont", ErasureReason.Other, null)]
    public void Parse_StoredReason_GivesTheCodeAndNeverFreeText(string stored, ErasureReason reason, string? reference) =>
        Assert.Equal((reason, reference), ErasureReasons.Parse(stored));

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task EraseAsync_FinishedJobs_KeepActionStatusDatesAndMessageId_ButNoSubmissionOrCulture()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var before = (await flow.JobsAsync()).Single(j => j.Status == JobStatus.Done);
        Assert.Contains("submissionId", before.Payload, StringComparison.Ordinal);

        await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest, null, default);

        var after = (await flow.JobsAsync()).Single(j => j.Id == before.Id);
        Assert.Equal(before with { Payload = after.Payload, LastError = after.LastError }, after);
        Assert.DoesNotContain("submissionId", after.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("culture", after.Payload, StringComparison.Ordinal);
        Assert.Equal(JobPayload.Deserialize(before.Payload).Args, JobPayload.Deserialize(after.Payload).Args);
        Assert.NotNull(after.MessageId);
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task EraseAsync_PickupDirectorySender_DeletesThePersonsEmlFilesOnly()
    {
        var folder = Directory.CreateTempSubdirectory("optin-pickup-");
        try
        {
            using var flow = Flow.Start(configure: b => b.UsePickupDirectory(folder.FullName));
            var erased = (await flow.SubmitAsync()).ContactId!.Value;
            await flow.SubmitAsync(Some.Email("marie"));
            Assert.Equal(2, await flow.RunAsync());
            Assert.Equal(2, folder.GetFiles("*.eml").Length);

            var report = await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(erased, "dpo", ErasureReason.DataSubjectRequest,
                null, default);

            Assert.Equal(1, report!.Removed["pickupFiles"]);
            var kept = Assert.Single(folder.GetFiles("*.eml"));
            Assert.Contains(Some.Email("marie"), await File.ReadAllTextAsync(kept.FullName), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task UnconfirmedSweep_PickupDirectorySender_DeletesTheErasedPersonsEmlFiles_AndWritesItsCode()
    {
        var folder = Directory.CreateTempSubdirectory("optin-pickup-");
        try
        {
            using var flow = Flow.Start(configure: b => b.UsePickupDirectory(folder.FullName));
            var contactId = (await flow.SubmitAsync()).ContactId!.Value;
            Assert.Equal(1, await flow.RunAsync());
            Assert.Single(folder.GetFiles("*.eml"));
            flow.Advance(NodaTime.Duration.FromDays(15));

            Assert.Equal(1, await flow.Services.GetRequiredService<Optin.Forms.DoubleOptin.UnconfirmedSweeper>().SweepAsync(default));

            Assert.Null(await flow.Store.Contacts.FindAsync(contactId, default));
            Assert.Empty(folder.GetFiles("*.eml"));
            Assert.Equal(ErasureReason.UnconfirmedExpired,
                (await flow.Services.GetRequiredService<PersonalDataService>().FindTombstoneAsync(contactId, default))!.Reason);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
