using MimeKit;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>
/// <c>SetField</c> and <c>SetOptin</c>, configured in JSON, run as jobs after a post, a confirmation and an unsubscribe,
/// and leave their effect in the store (and, for <c>SetOptin</c>, in the ledger).
/// </summary>
public sealed class RuleActionExecutionTests
{
    private const string ConfirmSubject = "Confirmez votre inscription";

    [Fact]
    public async Task SetField_OnSubmittedConfirmedWithdrawn_SetsReplacesThenRemovesTheField()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "stage-prospect", "When": "FormSubmitted", "Forms": [ "newsletter" ],
                "Then": [ { "Action": "SetField", "Args": { "Field": "stage", "Value": "prospect" } } ] },
              { "Name": "stage-subscriber", "When": "OptinConfirmed", "If": { "Purpose": "newsletter" },
                "Then": [ { "Action": "SetField", "Args": { "Field": "stage", "Value": "subscriber" } } ] },
              { "Name": "stage-cleared", "When": "OptinWithdrawn",
                "Then": [ { "Action": "SetField", "Args": { "Field": "stage", "Value": "" } } ] } ]
            """);
        var id = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("firstName", "Jean"), ("consent.newsletter", "true"));
        Assert.False((await flow.ContactAsync(id)).Fields.ContainsKey("stage"));

        await flow.RunAsync();
        var afterPost = (await flow.ContactAsync(id)).Fields;
        await ConfirmAsync(flow);
        var afterConfirm = (await flow.ContactAsync(id)).Fields;
        await UnsubscribeAsync(flow);
        var afterWithdrawal = (await flow.ContactAsync(id)).Fields;

        Assert.Equal("prospect", afterPost["stage"]);
        Assert.Equal("subscriber", afterConfirm["stage"]);
        Assert.False(afterWithdrawal.ContainsKey("stage"));
        Assert.Equal("Jean", afterWithdrawal["firstName"]);
    }

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task SetOptin_OnWithdrawal_WithdrawsTheOtherPurposeWithALedgerEntryNamingTheRule()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "leave-partners-too", "When": "OptinWithdrawn", "If": { "Purpose": "newsletter" },
                "Then": [ { "Action": "SetOptin", "Args": { "Purpose": "partners", "State": "Withdrawn" } } ] } ]
            """);
        var id = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("consent.newsletter", "true"), ("consent.partners", "true"));
        await flow.RunAsync();
        await ConfirmAsync(flow);
        Assert.Equal(OptinState.PendingConfirmation, (await flow.ContactAsync(id)).GetState("partners"));

        await UnsubscribeAsync(flow);

        var contact = await flow.ContactAsync(id);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        Assert.Equal(OptinState.Withdrawn, contact.GetState("partners"));
        var ledger = await flow.Store.Ledger.ReadAsync(id, default).ToListAsync();
        var set = Assert.Single(ledger, e => e.PurposeId == "partners" && e.Kind == ConsentEventKind.SetManually);
        Assert.Equal(OptinState.Withdrawn, set.State);
        Assert.Equal(ConsentMethod.System, set.Method);
        Assert.Equal("rule:leave-partners-too", set.Actor);
        Assert.Equal(flow.Clock.GetCurrentInstant(), set.OccurredAt);
    }

    [Fact]
    public async Task SetOptin_NonMarketingPurposeOnConfirmation_OptsInOnlyWhenTheRuleRuns()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "open-member-area", "When": "OptinConfirmed", "If": { "Purpose": "newsletter" },
                "Then": [ { "Action": "SetOptin", "Args": { "Purpose": "members", "State": "OptedIn" } } ] } ]
            """, s =>
        {
            s["OptinForms:Purposes:members:Retention"] = "365.00:00:00";
            s["OptinForms:Purposes:members:Texts:fr:Consent"] = "Je veux accéder à l'espace membres.";
            s["OptinForms:Purposes:members:Texts:fr:Purpose"] = "Accès à l'espace membres d'Atelier Dupont.";
        });
        var id = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("consent.newsletter", "true"));
        await flow.RunAsync();
        Assert.Equal(OptinState.None, (await flow.ContactAsync(id)).GetState("members"));

        await ConfirmAsync(flow);

        Assert.Equal(OptinState.OptedIn, (await flow.ContactAsync(id)).GetState("members"));
        var ledger = await flow.Store.Ledger.ReadAsync(id, default).ToListAsync();
        var set = Assert.Single(ledger, e => e.PurposeId == "members");
        Assert.Equal((ConsentEventKind.SetManually, OptinState.OptedIn, "rule:open-member-area"), (set.Kind, set.State, set.Actor));
    }

    /// <summary>Confirms with the link of the (only) confirmation email, then runs the jobs that follow.</summary>
    internal static async Task ConfirmAsync(Flow flow)
    {
        // The newsletter's confirmation: a purpose no rule confirms (partners) gets the built-in rule's own (CFG-5).
        var jobs = await flow.JobsAsync();
        var newsletter = Assert.Single(jobs, j => j.PurposeId == "newsletter" && j.Status == JobStatus.Done && j.RuleName != null && !j.RuleName.StartsWith("built-in:", StringComparison.Ordinal)
            && j.Action == "SendDoubleOptinEmail");
        var doi = Assert.Single(flow.Mail.Messages, m => m.Subject == ConfirmSubject && m.MessageId == newsletter.MessageId);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        await flow.RunAsync();
    }

    /// <summary>Unsubscribes with the link of the welcome email, then runs the jobs that follow.</summary>
    internal static async Task UnsubscribeAsync(Flow flow)
    {
        var welcome = Assert.Single(flow.Mail.Messages, m => m.Subject != ConfirmSubject && m.Headers.Contains(HeaderId.ListUnsubscribe));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.UnsubscribeAsync(Flow.UnsubscribeToken(welcome), Flow.Visitor, default));
        await flow.RunAsync();
    }
}
