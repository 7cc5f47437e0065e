using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>A rule on <c>OptinWithdrawn</c> runs when the person unsubscribes, and on no other event.</summary>
public sealed class OptinWithdrawnRulesTests
{
    private const string Sales = "ventes@atelier-dupont.example";

    [Fact]
    [Trait("Requirement", "WD-2")]
    public async Task OptinWithdrawn_RunsOnUnsubscribe_NotOnSubmissionConfirmationOrAChangeByHand()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "goodbye", "When": "OptinWithdrawn",
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "withdrew" } },
                          { "Action": "SendEmail", "Args": { "Template": "withdrawal-alert", "To": "ventes@atelier-dupont.example" } } ] } ]
            """, s =>
        {
            s["OptinForms:Templates:withdrawal-alert:Subject"] = "Désinscription";
            s["OptinForms:Templates:withdrawal-alert:Text"] = "{{ Email }} ne veut plus de la lettre.";
            s["OptinForms:Templates:withdrawal-alert:Html"] = "<p>{{ Email }} ne veut plus de la lettre.</p>";
        });
        var id = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("consent.newsletter", "true"), ("consent.partners", "true"));
        await flow.RunAsync();
        var afterPost = await Observed(flow, id);

        await RuleActionExecutionTests.ConfirmAsync(flow);
        var afterConfirm = await Observed(flow, id);

        var byHand = await flow.Services.GetRequiredService<ContactOptinService>().SetOptinAsync(
            new ManualOptinChange(id, "partners", OptinState.Withdrawn, "claire", "asked by phone", "request of the person"), default);
        Assert.True(byHand.Succeeded);
        await flow.RunAsync();
        var afterChangeByHand = await Observed(flow, id);

        await RuleActionExecutionTests.UnsubscribeAsync(flow);
        var afterUnsubscribe = await Observed(flow, id);

        Assert.Equal((false, 0), afterPost);
        Assert.Equal((false, 0), afterConfirm);
        Assert.Equal((false, 0), afterChangeByHand);
        Assert.Equal((true, 1), afterUnsubscribe);
        var alert = Assert.Single(flow.Mail.Messages, m => m.To.Mailboxes.Any(b => b.Address == Sales));
        Assert.Equal("Désinscription", alert.Subject);
        Assert.Contains(Some.Email("jean"), alert.TextBody, StringComparison.Ordinal);
    }

    private static async Task<(bool Tagged, int Alerts)> Observed(Flow flow, Guid id) =>
        (await flow.HasTagAsync(id, "withdrew"), flow.Mail.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == Sales)));
}
