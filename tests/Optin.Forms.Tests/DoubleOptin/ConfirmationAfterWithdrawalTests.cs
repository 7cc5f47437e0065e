using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>
/// A confirmation link sent before a withdrawal or an objection recorded by an operator must not undo it: the link
/// stood for a wish the person has since taken back (WD-4, WD-6).
/// </summary>
public sealed class ConfirmationAfterWithdrawalTests
{
    private const string Actor = "claire";
    private const string Reason = "asked by phone";
    private const string Basis = "phone call 2026-11-12";

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task ConfirmAsync_LinkSentBeforeAWithdrawalByHand_IsInvalidAndTheWithdrawalStands()
    {
        using var flow = Flow.Start();
        var (contactId, token) = await SignUpAsync(flow);
        flow.Advance(Duration.FromMinutes(5));

        var change = await Optins(flow).SetOptinAsync(new ManualOptinChange(contactId, "newsletter", OptinState.Withdrawn, Actor, Reason, Basis), default);
        flow.Advance(Duration.FromMinutes(5));

        Assert.True(change.Succeeded);
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.InspectAsync(token, TokenKind.Confirm, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        await AssertStillWithdrawnAsync(flow, contactId);
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task ConfirmAsync_LinkSentBeforeAnObjection_IsInvalidAndTheObjectionStands()
    {
        using var flow = Flow.Start();
        var (contactId, token) = await SignUpAsync(flow);
        flow.Advance(Duration.FromMinutes(5));

        var objection = await Optins(flow).ObjectToMarketingAsync(contactId, ConsentMethod.Manual, Actor, default);

        Assert.True(objection.Succeeded);
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        var contact = await AssertStillWithdrawnAsync(flow, contactId);
        Assert.True(contact.ObjectedToMarketing);
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task ConfirmAsync_LinkSentBeforeABulkWithdrawal_LeavesTheWithdrawal()
    {
        using var flow = Flow.Start();
        var (contactId, token) = await SignUpAsync(flow);
        flow.Advance(Duration.FromMinutes(5));

        // The bulk change is set-based and revokes no token: the confirmation itself must see that the purpose was
        // withdrawn after the link was sent.
        var bulk = await Optins(flow).SetOptinInBulkAsync(new BulkOptinRequest(new ContactQuery(), "newsletter", OptinState.Withdrawn, Actor, Reason, Basis), default);
        flow.Advance(Duration.FromMinutes(5));

        Assert.Equal(1, bulk.Count);
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        await AssertStillWithdrawnAsync(flow, contactId);
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task ConfirmAsync_LinkOfASignUpAfterAWithdrawal_Confirms()
    {
        using var flow = Flow.Start();
        var (contactId, _) = await SignUpAsync(flow);
        await Optins(flow).SetOptinAsync(new ManualOptinChange(contactId, "newsletter", OptinState.Withdrawn, Actor, Reason, Basis), default);
        flow.Advance(Duration.FromMinutes(5));

        // The person signs up again: this link is newer than the withdrawal, and is theirs to use.
        var again = await SignUpAsync(flow);

        Assert.Equal(contactId, again.ContactId);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(again.Token, Flow.Visitor, default));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
    }

    private static ContactOptinService Optins(Flow flow) => flow.Services.GetRequiredService<ContactOptinService>();

    private static async Task<(Guid ContactId, string Token)> SignUpAsync(Flow flow)
    {
        var sent = flow.Mail.Messages.Count;
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        Assert.Equal(sent + 1, flow.Mail.Messages.Count);
        return (result.ContactId!.Value, Flow.ConfirmToken(flow.Mail.Messages[^1]));
    }

    private static async Task<Contact> AssertStillWithdrawnAsync(Flow flow, Guid contactId)
    {
        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.NotNull(contact);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        var ledger = await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync();
        Assert.DoesNotContain(ledger, e => e.Kind == ConsentEventKind.Confirmed);
        return contact;
    }
}
