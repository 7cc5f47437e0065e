using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>#18: the events that follow a submission (confirmation, expiry) carry its form, landing page and values.</summary>
public sealed class SubmissionFactsRulesTests
{
    private const string Webinar = "webinar@atelier-dupont.example";

    private static Flow WithRule(string name, string when, Action<Dictionary<string, string?>, string> condition) => Flow.Start(s =>
    {
        const string rule = "OptinForms:Rules:4";
        s[$"{rule}:Name"] = name;
        s[$"{rule}:When"] = when;
        condition(s, $"{rule}:If");
        s[$"{rule}:Then:0:Action"] = "SendEmail";
        s[$"{rule}:Then:0:Args:Template"] = "owner-notification";
        s[$"{rule}:Then:0:Args:To"] = Webinar;
    });

    private static async Task ConfirmLastAsync(Flow flow)
    {
        await flow.RunAsync();
        var doi = flow.Mail.Messages.Last(m => m.Subject == "Confirmez votre inscription");
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        await flow.RunAsync();
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task OptinConfirmed_FormIsCondition_MatchesTheConfirmedSubmissionsForm()
    {
        using var flow = WithRule("confirmed-from-contact", "OptinConfirmed", (s, at) => s[$"{at}:FormIs"] = "contact");

        await flow.SubmitAsync(); // the newsletter form
        await ConfirmLastAsync(flow);
        Assert.DoesNotContain(await flow.JobsAsync(), j => j.RuleName == "confirmed-from-contact");

        await flow.SubmitAsync(email: "marie.curie@exemple.fr", form: "contact");
        await ConfirmLastAsync(flow);
        var job = Assert.Single(await flow.JobsAsync(), j => j.RuleName == "confirmed-from-contact");
        Assert.Equal(JobStatus.Done, job.Status);
        var notification = Assert.Single(flow.Mail.Messages, m => m.To.Mailboxes.Single().Address == Webinar);
        // The template sees the confirmed submission: its form and the values posted with it.
        Assert.Contains("« contact »", notification.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bonjour, un devis ?", notification.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task OptinConfirmed_FieldEqualsCondition_ReadsTheConfirmedSubmissionsValues()
    {
        using var flow = WithRule("confirmed-quote", "OptinConfirmed", (s, at) => s[$"{at}:FieldEquals:message"] = "Bonjour, un devis ?");

        await flow.SubmitAsync(email: "marie.curie@exemple.fr", form: "contact");
        await ConfirmLastAsync(flow);

        Assert.Single(await flow.JobsAsync(), j => j.RuleName == "confirmed-quote");
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    [Trait("Requirement", "DOI-5")]
    public async Task DoubleOptinExpired_FormIsAndFieldEquals_MatchTheSubmissionThatGaveTheOptin()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Rules:4:Name"] = "expired-jean";
            s["OptinForms:Rules:4:When"] = "DoubleOptinExpired";
            s["OptinForms:Rules:4:If:FormIs"] = "newsletter";
            s["OptinForms:Rules:4:If:FieldEquals:firstName"] = "Jean";
            s["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
            s["OptinForms:Rules:4:Then:0:Args:Template"] = "owner-notification";
            s["OptinForms:Rules:4:Then:0:Args:To"] = Webinar;
            s["OptinForms:Rules:5:Name"] = "expired-contact-form";
            s["OptinForms:Rules:5:When"] = "DoubleOptinExpired";
            s["OptinForms:Rules:5:If:FormIs"] = "contact";
            s["OptinForms:Rules:5:Then:0:Action"] = "SendEmail";
            s["OptinForms:Rules:5:Then:0:Args:Template"] = "owner-notification";
            s["OptinForms:Rules:5:Then:0:Args:To"] = Webinar;
        });
        await flow.SubmitAsync();
        await flow.RunAsync();
        flow.Advance(Duration.FromDays(14));

        Assert.Equal(1, await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));

        var jobs = await flow.JobsAsync();
        var job = Assert.Single(jobs, j => j.RuleName == "expired-jean");
        Assert.Contains("\"formId\":\"newsletter\"", job.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(jobs, j => j.RuleName == "expired-contact-form");
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task OptinConfirmed_DoubleOptinRequestedByHand_CarriesNoForm()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Rules:4:Name"] = "partners-from-newsletter";
            s["OptinForms:Rules:4:When"] = "OptinConfirmed";
            s["OptinForms:Rules:4:If:All:0:FormIs"] = "newsletter";
            s["OptinForms:Rules:4:If:All:1:Purpose"] = "partners";
            s["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
            s["OptinForms:Rules:4:Then:0:Args:Template"] = "owner-notification";
            s["OptinForms:Rules:4:Then:0:Args:To"] = Webinar;
        });
        var contactId = (await flow.SubmitAsync()).ContactId!.Value; // newsletter only
        await ConfirmLastAsync(flow);

        var requested = await flow.Services.GetRequiredService<DoubleOptinRequestService>().RequestAsync(contactId, "partners", "fr", default);
        Assert.Equal(1, requested.Count);
        await ConfirmLastAsync(flow);

        Assert.Equal(Optin.Forms.Contacts.OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("partners"));
        Assert.DoesNotContain(await flow.JobsAsync(), j => j.RuleName == "partners-from-newsletter");
    }
}
