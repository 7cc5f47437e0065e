using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Preferences;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Preferences;

/// <summary>#20: the preference page's token and engine, on the whole engine with a fake clock.</summary>
public sealed class PreferenceServiceTests
{
    private static readonly Instant SignedUp = Some.Now;

    /// <summary>Signs up, confirms, and sends the welcome email: the marketing email with the preference link.</summary>
    private static async Task<(Flow Flow, Guid ContactId, string Token)> ConfirmedAsync(Action<Dictionary<string, string?>>? amend = null)
    {
        var flow = Flow.Start(amend);
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        flow.Advance(Duration.FromMinutes(5));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default));
        await flow.RunAsync();
        return (flow, result.ContactId!.Value, Flow.PreferencesToken(flow.Mail.Messages[1]));
    }

    private static IPreferenceService Service(Flow flow) => flow.Services.GetRequiredService<IPreferenceService>();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Base64Url.DecodeFromChars(token)));

    private static async Task<TokenRecord?> TokenAsync(Flow flow, string token)
    {
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        return await tx.Tokens.FindAsync(Hash(token), default);
    }

    private static async Task<IReadOnlyList<TokenRecord>> TokensAsync(Flow flow, Guid contactId)
    {
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        return await tx.Tokens.ListAsync(contactId, default);
    }

    private static async Task<List<ConsentEvent>> LedgerAsync(Flow flow, Guid contactId) => await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync();

    [Fact]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "WD-1")]
    public async Task MarketingEmail_CarriesAPreferencesLink_StoredOnlyAsItsHash_ForAYearByDefault()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;

        var record = await TokenAsync(flow, token);

        Assert.NotNull(record);
        Assert.Equal(TokenKind.Preferences, record.Kind);
        Assert.Equal(contactId, record.ContactId);
        Assert.Equal("newsletter", record.PurposeId);
        Assert.Equal(Duration.FromDays(365), record.ExpiresAt - record.CreatedAt);
        Assert.Null(record.ConsumedAt);
        Assert.DoesNotContain(await TokensAsync(flow, contactId), t => t.Hash.Contains(token, StringComparison.Ordinal));
        Assert.Contains("https://example.test/optin/preferences/" + token, flow.Mail.Messages[1].HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreferencesTokenLifetime_Configured_IsTheLinksLifetime_AndTheLinkExpires()
    {
        var (flow, _, token) = await ConfirmedAsync(s => s["OptinForms:DoubleOptin:PreferencesTokenLifetime"] = "30.00:00:00");
        using var _ = flow;

        var record = await TokenAsync(flow, token);
        Assert.Equal(Duration.FromDays(30), record!.ExpiresAt - record.CreatedAt);
        Assert.NotNull(await Service(flow).FindAsync(token, default));
        flow.Advance(Duration.FromDays(30));

        Assert.Null(await Service(flow).FindAsync(token, default));
        Assert.Equal(TokenStatus.Invalid, await Service(flow).ChangeAsync(token, new(PreferenceAction.WithdrawAll), Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void PreferencesTokenLifetime_NotPositive_FailsAtStartWithItsPath()
    {
        using var services = Some.Services(out _, StartupValidationTests.With(("OptinForms:DoubleOptin:PreferencesTokenLifetime", "00:00:00")));

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains("OptinForms:DoubleOptin:PreferencesTokenLifetime: must be a positive duration", string.Join("\n", ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "WD-3")]
    public async Task FindAsync_ShowsWhatTheLedgerRecorded_AndChangesNothing()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;
        var ledger = await LedgerAsync(flow, contactId);
        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        var confirmed = ledger.Single(e => e.Kind == ConsentEventKind.Confirmed);

        var page = await Service(flow).FindAsync(token, default);
        await Service(flow).FindAsync(token, default);

        Assert.NotNull(page);
        Assert.Equal("j•••@exemple.fr", page.MaskedEmail);
        Assert.Equal("fr", page.Culture);
        Assert.False(page.ObjectedToMarketing);
        var held = Assert.Single(page.Purposes);
        Assert.Equal("newsletter", held.PurposeId);
        Assert.True(held.Marketing);
        Assert.Equal(Some.ConsentFr, held.ConsentText);
        Assert.Equal(confirmed.ConsentText, held.ConsentText);
        Assert.Equal(confirmed.PurposeVersion, held.PurposeVersion);
        Assert.Equal(confirmed.OccurredAt, held.GivenAt);
        Assert.Equal(SignedUp + Duration.FromMinutes(5), held.GivenAt);
        Assert.Equal(ledger, await LedgerAsync(flow, contactId));
        Assert.Equal(contact, await flow.Store.Contacts.FindAsync(contactId, default));
        Assert.Null((await TokenAsync(flow, token))!.ConsumedAt);
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task Withdraw_OnePurpose_WritesTheLedgerWithProof_AndOnlyThatPurposeGoes()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;
        await OptInAsync(flow, contactId, "partners");

        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.Withdraw, "newsletter"), Flow.Visitor, default));

        var contact = (await flow.Store.Contacts.FindAsync(contactId, default))!;
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        Assert.Equal(OptinState.OptedIn, contact.GetState("partners"));
        var withdrawn = Assert.Single(await LedgerAsync(flow, contactId), e => e.Kind == ConsentEventKind.Withdrawn);
        AssertProof(withdrawn, "newsletter", PreferenceReasons.Withdrawn);
        Assert.Equal(OptinState.Withdrawn, withdrawn.State);
        Assert.Equal(["partners"], (await Service(flow).FindAsync(token, default))!.Purposes.Select(p => p.PurposeId));
    }

    [Fact]
    public async Task Withdraw_APurposeNotHeld_ChangesNothing()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;
        var before = await LedgerAsync(flow, contactId);

        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.Withdraw, "partners"), Flow.Visitor, default));
        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.Withdraw, "nothing-such"), Flow.Visitor, default));

        Assert.Equal(before, await LedgerAsync(flow, contactId));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task WithdrawAll_WithdrawsEveryPurposeHeld_EachInTheLedgerWithProof_Once()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;
        await OptInAsync(flow, contactId, "partners");

        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.WithdrawAll), Flow.Visitor, default));
        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.WithdrawAll), Flow.Visitor, default));

        var contact = (await flow.Store.Contacts.FindAsync(contactId, default))!;
        Assert.Equal((OptinState.Withdrawn, OptinState.Withdrawn), (contact.GetState("newsletter"), contact.GetState("partners")));
        var withdrawn = (await LedgerAsync(flow, contactId)).Where(e => e.Kind == ConsentEventKind.Withdrawn).OrderBy(e => e.PurposeId).ToList();
        Assert.Equal(["newsletter", "partners"], withdrawn.Select(e => e.PurposeId));
        Assert.All(withdrawn, e => AssertProof(e, e.PurposeId, PreferenceReasons.WithdrawnAll));
        Assert.Empty((await Service(flow).FindAsync(token, default))!.Purposes);
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task Object_RecordsTheObjectionWithProof_AndStopsMarketingMail()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;

        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.ObjectToMarketing), Flow.Visitor, default));
        var count = (await LedgerAsync(flow, contactId)).Count;
        Assert.Equal(TokenStatus.Valid, await Service(flow).ChangeAsync(token, new(PreferenceAction.ObjectToMarketing), Flow.Visitor, default));

        var contact = (await flow.Store.Contacts.FindAsync(contactId, default))!;
        Assert.True(contact.ObjectedToMarketing);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        var ledger = await LedgerAsync(flow, contactId);
        Assert.Equal(count, ledger.Count);
        var objected = Assert.Single(ledger, e => e.Kind == ConsentEventKind.Objected && e.PurposeId == "newsletter");
        AssertProof(objected, "newsletter", PreferenceReasons.Objection);
        Assert.Contains(ledger, e => e.Kind == ConsentEventKind.Objected && e.PurposeId == "partners" && e.State == OptinState.None);
        var page = (await Service(flow).FindAsync(token, default))!;
        Assert.True(page.ObjectedToMarketing);
        Assert.Empty(page.Purposes);

        // A marketing email queued now is refused (WD-6).
        await EnqueueWelcomeAsync(flow, contactId);
        var sent = flow.Mail.Messages.Count;
        await flow.RunAsync();
        Assert.Equal(sent, flow.Mail.Messages.Count);
    }

    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task RectifyEmail_RevokesThePreferencesLinks()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;

        Assert.True((await flow.Services.GetRequiredService<PersonalDataService>()
            .RectifyEmailAsync(contactId, "jeanne@nouveau.example", "support", "Art. 16 request", default)).Succeeded);

        Assert.NotNull((await TokenAsync(flow, token))!.ConsumedAt);
        Assert.Null(await Service(flow).FindAsync(token, default));
        Assert.Equal(TokenStatus.Invalid, await Service(flow).ChangeAsync(token, new(PreferenceAction.WithdrawAll), Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    public async Task Erasure_TheLinkStopsWorking()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;

        await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest, null, default);

        Assert.Null(await Service(flow).FindAsync(token, default));
        Assert.Equal(TokenStatus.Invalid, await Service(flow).ChangeAsync(token, new(PreferenceAction.ObjectToMarketing), Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "WD-7")]
    public async Task Tokens_AreBoundToTheirKind()
    {
        var (flow, contactId, token) = await ConfirmedAsync();
        using var _ = flow;
        var unsubscribe = Flow.UnsubscribeToken(flow.Mail.Messages[1]);
        var before = await LedgerAsync(flow, contactId);

        Assert.Null(await Service(flow).FindAsync(unsubscribe, default));
        Assert.Equal(TokenStatus.Invalid, await Service(flow).ChangeAsync(unsubscribe, new(PreferenceAction.WithdrawAll), Flow.Visitor, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.UnsubscribeAsync(token, Flow.Visitor, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        Assert.Null(await Service(flow).FindAsync("not-a-token", default));
        Assert.Equal(before, await LedgerAsync(flow, contactId));
    }

    [Theory]
    [InlineData("jean.dupont@exemple.fr", "j•••@exemple.fr")]
    [InlineData("jo@example.org", "j•••@example.org")]
    [InlineData("j@example.org", "•••@example.org")]
    [InlineData("@example.org", "•••@example.org")]
    [InlineData("no-at-sign", "•••")]
    public void Mask_ShowsTheFirstCharacterAndTheDomain_NeverAShortLocalPart(string address, string masked) =>
        Assert.Equal(masked, AddressMask.Mask(address));

    private static void AssertProof(ConsentEvent e, string purposeId, string reason)
    {
        Assert.Equal(purposeId, e.PurposeId);
        Assert.Equal(ConsentMethod.EmailLink, e.Method);
        Assert.Equal(reason, e.Reason);
        Assert.False(string.IsNullOrEmpty(e.IpAddress));
        Assert.Equal(Flow.Visitor.UserAgent, e.UserAgent);
        Assert.Equal("fr", e.Culture);
        Assert.False(string.IsNullOrEmpty(e.ConsentTextSha256));
    }

    private static async Task OptInAsync(Flow flow, Guid contactId, string purposeId)
    {
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        var contact = (await tx.Contacts.FindAsync(contactId, default))!;
        await tx.Contacts.SaveAsync(contact.WithOptin(purposeId, OptinState.OptedIn, flow.Clock.GetCurrentInstant()), default);
        await tx.CommitAsync(default);
    }

    private static async Task EnqueueWelcomeAsync(Flow flow, Guid contactId)
    {
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        await tx.Jobs.EnqueueAsync(new JobRecord
        {
            Id = Guid.NewGuid(), Action = "SendEmail", ContactId = contactId, PurposeId = "newsletter",
            Payload = """{"args":{"Template":"welcome","Purpose":"newsletter"}}""", MessageId = "after-objection@atelier-dupont.example",
            CreatedAt = flow.Clock.GetCurrentInstant(), DueAt = flow.Clock.GetCurrentInstant(),
        }, default);
        await tx.CommitAsync(default);
    }
}
