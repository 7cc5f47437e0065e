using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

public sealed class SubmissionPipelineTests
{
    [Fact]
    [Trait("Requirement", "CONS-6")]
    [Trait("Requirement", "CONS-7")]
    public async Task SubmitAsync_WithConsent_StoresContactSubmissionAndFullProof()
    {
        using var services = Some.Services(out _);
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();

        var result = await pipeline.SubmitAsync(
            Some.Post("newsletter", ("email", "Jean.Dupont@Exemple.FR"), ("firstName", "Jean"), ("consent.newsletter", "true")),
            CancellationToken.None);

        Assert.True(result.Succeeded);
        var contact = await store.Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.NotNull(contact);
        Assert.Equal("jean.dupont@exemple.fr", contact.EmailKey);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        Assert.Equal(OptinState.None, contact.GetState("partners"));
        var events = await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync();
        var given = Assert.Single(events);
        Assert.Equal(ConsentEventKind.Given, given.Kind);
        Assert.Equal(Some.ConsentFr, given.ConsentText);
        Assert.Equal(Some.PurposeFr, given.PurposeText);
        Assert.Equal(Some.Now, given.OccurredAt);
        Assert.Equal("203.0.113.0", given.IpAddress);
        Assert.Equal("newsletter", given.FormId);
        Assert.Equal(result.SubmissionId, given.SubmissionId);
    }
}
