using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

public sealed class RectificationTests
{
    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task RectifyEmailAsync_Confirmed_NewAddressGoesThroughDoubleOptin()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();
        Assert.Equal(2, flow.Mail.Messages.Count);

        var result = await flow.Services.GetRequiredService<PersonalDataService>()
            .RectifyEmailAsync(contactId, "Jean.Dupont@Nouveau.example", "support", "Art. 16 request #7", default);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Count);
        var contact = (await flow.Store.Contacts.FindAsync(contactId, default))!;
        Assert.Equal("Jean.Dupont@nouveau.example", contact.Email);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        Assert.Null(await flow.Store.Contacts.FindByEmailKeyAsync("jean.dupont@exemple.fr", default));
        var changed = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Last();
        Assert.Equal(ConsentEventKind.EmailChanged, changed.Kind);
        Assert.Equal("support", changed.Actor);
        Assert.Equal("Art. 16 request #7", changed.Reason);
        Assert.Equal(OptinState.PendingConfirmation, changed.State);

        await flow.RunAsync();
        var doi = flow.Mail.Messages[2];
        Assert.Equal("Jean.Dupont@nouveau.example", doi.To.Mailboxes.Single().Address);
        Assert.Equal("Confirmez votre inscription", doi.Subject);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task RectifyEmailAsync_Pending_OldConfirmationLinkStopsWorking()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var oldToken = Flow.ConfirmToken(flow.Mail.Messages[0]);

        Assert.True((await flow.Services.GetRequiredService<PersonalDataService>()
            .RectifyEmailAsync(contactId, "jean@nouveau.example", "support", "typo", default)).Succeeded);

        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(oldToken, Flow.Visitor, default));
        await flow.RunAsync();
        Assert.Equal("jean@nouveau.example", flow.Mail.Messages[1].To.Mailboxes.Single().Address);
    }

    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task RectifyEmailAsync_AddressHeldByAnotherContact_IsRefusedAndChangesNothing()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.SubmitAsync(email: "marie.curie@exemple.fr");
        var service = flow.Services.GetRequiredService<PersonalDataService>();

        var taken = await service.RectifyEmailAsync(contactId, "Marie.Curie@exemple.fr", "support", "request", default);
        var invalid = await service.RectifyEmailAsync(contactId, "not an address", "support", "request", default);
        var missing = await service.RectifyEmailAsync(Guid.NewGuid(), "x@exemple.fr", "support", "request", default);

        Assert.Equal(SubmissionCodes.EmailTaken, taken.Code);
        Assert.Equal(SubmissionCodes.InvalidEmail, invalid.Code);
        Assert.Equal(SubmissionCodes.ContactNotFound, missing.Code);
        Assert.Equal("jean.dupont@exemple.fr", (await flow.Store.Contacts.FindAsync(contactId, default))!.Email);
        Assert.DoesNotContain(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.EmailChanged);
    }
}
