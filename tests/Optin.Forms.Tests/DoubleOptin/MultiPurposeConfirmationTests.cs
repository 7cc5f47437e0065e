using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>#18: one double opt-in email confirms every purpose ticked in one submission.</summary>
public sealed class MultiPurposeConfirmationTests
{
    /// <summary>The sample's flow without any rule: the built-in rules confirm the newsletter form's two purposes.</summary>
    private static Flow WithoutRules(Action<Dictionary<string, string?>>? amend = null) => Flow.Start(s =>
    {
        foreach (var key in s.Keys.Where(k => k.StartsWith("OptinForms:Rules:", StringComparison.Ordinal)).ToList())
        {
            s.Remove(key);
        }

        amend?.Invoke(s);
    });

    private static async Task<SubmissionResult> SubmitBothAsync(Flow flow, string email = "jean.dupont@exemple.fr")
    {
        var post = Some.Post("newsletter", ("email", email), ("firstName", "Jean"), ("consent.newsletter", "true"), ("consent.partners", "true"));
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        Assert.True(result.Succeeded);
        return result;
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "DOI-4")]
    [Trait("Requirement", "CFG-5")]
    public async Task SubmitAsync_TwoConsentsDefaultRules_OneEmailOneClickConfirmsBoth()
    {
        using var flow = WithoutRules();
        var result = await SubmitBothAsync(flow);
        await flow.RunAsync();

        var job = Assert.Single(await flow.JobsAsync());
        Assert.Equal("built-in:double-optin:newsletter", job.RuleName);
        var email = Assert.Single(flow.Mail.Messages);
        Assert.Contains("J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("J'accepte que mes coordonnées soient transmises aux partenaires.", email.TextBody, StringComparison.Ordinal);
        var token = Flow.ConfirmToken(email);
        Assert.Equal(["newsletter", "partners"], await flow.DoubleOptin.FindPurposesAsync(token, TokenKind.Confirm, default));

        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));

        var contact = (await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default))!;
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));
        Assert.Equal(OptinState.OptedIn, contact.GetState("partners"));
        var ledger = await flow.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync();
        var confirmed = ledger.Where(e => e.Kind == ConsentEventKind.Confirmed).ToList();
        Assert.Equal(["newsletter", "partners"], confirmed.Select(e => e.PurposeId));
        foreach (var entry in confirmed)
        {
            var given = ledger.Single(e => e.Kind == ConsentEventKind.Given && e.PurposeId == entry.PurposeId);
            Assert.Equal(given.ConsentText, entry.ConsentText);
            Assert.Equal(given.ConsentTextSha256, entry.ConsentTextSha256);
            Assert.Equal(given.PurposeVersion, entry.PurposeVersion);
            Assert.Equal(result.SubmissionId, entry.SubmissionId);
            Assert.Equal(email.MessageId, entry.MessageId);
        }

        Assert.Equal("J'accepte que mes coordonnées soient transmises aux partenaires.", confirmed[1].ConsentText);
        Assert.Single(flow.Mail.Messages);
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task SubmitAsync_OneConsentOfTwoTicked_EmailConfirmsThatOneOnly()
    {
        using var flow = WithoutRules();
        var post = Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.partners", "true"));
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        await flow.RunAsync();

        var email = Assert.Single(flow.Mail.Messages);
        Assert.DoesNotContain("lettre d'information d'Atelier Dupont par e-mail", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(email), Flow.Visitor, default));
        var contact = (await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default))!;
        Assert.Equal(OptinState.OptedIn, contact.GetState("partners"));
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Submitted")]
    [InlineData("partners, newsletter")]
    [Trait("Requirement", "DOI-3")]
    public async Task SubmitAsync_OwnerRuleNamingNoSinglePurpose_OneEmailForThePurposesTicked(string? purposes)
    {
        using var flow = WithoutRules(s =>
        {
            s["OptinForms:Rules:0:Name"] = "confirm-all";
            s["OptinForms:Rules:0:When"] = "FormSubmitted";
            s["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
            s["OptinForms:Rules:0:Then:0:Args:Purposes"] = purposes;
        });
        await SubmitBothAsync(flow);
        await flow.RunAsync();

        var job = Assert.Single(await flow.JobsAsync());
        Assert.Equal("confirm-all", job.RuleName); // the rule covers both purposes: no built-in rule is added
        var email = Assert.Single(flow.Mail.Messages);
        Assert.Equal(["newsletter", "partners"], await flow.DoubleOptin.FindPurposesAsync(Flow.ConfirmToken(email), TokenKind.Confirm, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task SubmitAsync_RuleListingOnePurpose_LeavesTheOtherToTheBuiltInRule()
    {
        using var flow = WithoutRules(s =>
        {
            s["OptinForms:Rules:0:Name"] = "confirm-newsletter";
            s["OptinForms:Rules:0:When"] = "FormSubmitted";
            s["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
            s["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        });
        await SubmitBothAsync(flow);
        await flow.RunAsync();

        // The owner asked for a confirmation of 'newsletter' alone: 'partners' gets its own, from the built-in rule.
        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.Equal(["built-in:double-optin:newsletter:partners", "confirm-newsletter"],
            (await flow.JobsAsync()).Select(j => j.RuleName).Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    [Trait("Requirement", "DOI-8")]
    public async Task Reminder_AfterOnePurposeConfirmedElsewhere_RemindsOfTheOtherOnly()
    {
        using var flow = WithoutRules(s =>
        {
            s["OptinForms:Rules:0:Name"] = "confirm";
            s["OptinForms:Rules:0:When"] = "FormSubmitted";
            s["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
            s["OptinForms:Rules:1:Name"] = "remind";
            s["OptinForms:Rules:1:When"] = "FormSubmitted";
            s["OptinForms:Rules:1:Then:0:Action"] = "Wait";
            s["OptinForms:Rules:1:Then:0:Args:For"] = "3.00:00:00";
            s["OptinForms:Rules:1:Then:1:Action"] = "SendDoubleOptinEmail";
            s["OptinForms:Rules:1:Then:1:Args:OnlyIfPending"] = "true";
        });
        var result = await SubmitBothAsync(flow);
        await flow.RunAsync();
        var contactId = result.ContactId!.Value;
        await using (var tx = await flow.Store.BeginTransactionAsync(default))
        {
            var contact = (await tx.Contacts.FindAsync(contactId, default))!;
            await tx.Contacts.SaveAsync(contact.WithOptin("partners", OptinState.None, Some.Now), default);
            await tx.CommitAsync(default);
        }

        flow.Advance(Duration.FromDays(3));
        Assert.Equal(1, await flow.RunAsync());

        Assert.Equal(2, flow.Mail.Messages.Count);
        var first = Flow.ConfirmToken(flow.Mail.Messages[0]);
        var reminder = Flow.ConfirmToken(flow.Mail.Messages[1]);
        Assert.NotEqual(first, reminder);
        Assert.Equal(["newsletter"], await flow.DoubleOptin.FindPurposesAsync(reminder, TokenKind.Confirm, default));
        Assert.DoesNotContain("aux partenaires", flow.Mail.Messages[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DOI-9")]
    public async Task RejectAsync_TokenOfTwoPurposes_DropsBothAndSuppresses()
    {
        using var flow = WithoutRules();
        var result = await SubmitBothAsync(flow);
        await flow.RunAsync();

        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.RejectAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
        await SubmitBothAsync(flow);
        await flow.RunAsync();
        Assert.Single(flow.Mail.Messages); // suppressed for a while (DOI-9)
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task Sweep_TokenOfTwoPurposesUnconfirmed_ExpiresEachAndRevokesTheLink()
    {
        using var flow = WithoutRules();
        await SubmitBothAsync(flow);
        await flow.RunAsync();
        var token = Flow.ConfirmToken(flow.Mail.Messages[0]);
        flow.Advance(Duration.FromDays(14));

        Assert.Equal(2, await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
    }

    [Theory]
    [InlineData("OptinConfirmed", "Purpose", "newsletter", "Purposes", "Submitted",
        "OptinForms:Rules[confirm] (position 0):Then:0:Args:Purposes: name either one Purpose ('newsletter') or Purposes ('Submitted'), not both: one email confirms either that purpose or those ticked in the submission")]
    [InlineData("OptinConfirmed", "Purposes", "Submitted", null, null,
        "OptinForms:Rules[confirm] (position 0):Then:0:Args:Purposes: Purposes ('Submitted') stands for the purposes ticked in a submission, and only a FormSubmitted rule has one; on OptinConfirmed, name one Purpose")]
    [InlineData("FormSubmitted", "Purposes", "newsleter, partners", null, null,
        "OptinForms:Rules[confirm] (position 0):Then:0:Args:Purposes: the purpose 'newsleter' is not declared (did you mean 'newsletter'?); Purposes is Submitted or declared purpose ids separated by commas (newsletter, partners)")]
    [Trait("Requirement", "CFG-1")]
    public void Start_BadPurposesArgument_FailsWithItsPath(string when, string key, string value, string? key2, string? value2, string expected)
    {
        var settings = Flow.Settings();
        foreach (var k in settings.Keys.Where(k => k.StartsWith("OptinForms:Rules:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(k);
        }

        settings["OptinForms:Rules:0:Name"] = "confirm";
        settings["OptinForms:Rules:0:When"] = when;
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings[$"OptinForms:Rules:0:Then:0:Args:{key}"] = value;
        if (key2 is not null)
        {
            settings[$"OptinForms:Rules:0:Then:0:Args:{key2}"] = value2;
        }

        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        Assert.Contains(expected, ex.Failures);
    }
}
