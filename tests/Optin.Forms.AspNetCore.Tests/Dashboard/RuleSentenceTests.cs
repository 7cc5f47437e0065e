using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Pages;
using Optin.Forms.Rules;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Rules as sentences on the configuration page, in English and French.</summary>
public sealed class RuleSentenceTests
{
    private static RuleOptions DoubleOptin() => new()
    {
        Name = "double-opt-in",
        When = "FormSubmitted",
        Forms = ["newsletter"],
        If = new RuleConditionOptions { ConsentGiven = "newsletter" },
        Then = [new RuleActionOptions { Action = "SendDoubleOptinEmail", Args = new(StringComparer.OrdinalIgnoreCase) { ["Purpose"] = "newsletter" } }],
    };

    [Fact]
    public void Render_DoubleOptinRule_ReadsAsTheIssueSaysInEnglishAndFrench()
    {
        Assert.Equal("When the form <em>newsletter</em> is submitted and consent <em>newsletter</em> was given → send the double opt-in email",
            RuleSentence.Render(DoubleOptin(), "en"));
        Assert.Equal("Quand le formulaire <em>newsletter</em> est envoyé et le consentement <em>newsletter</em> a été donné → envoyer l'email de double opt-in",
            RuleSentence.Render(DoubleOptin(), "fr"));
    }

    [Fact]
    public void Render_ConditionsAndSteps_ReadInOrder_AndNamesAreEncoded()
    {
        var rule = new RuleOptions
        {
            When = "OptinWithdrawn",
            If = new RuleConditionOptions
            {
                Purpose = "news<b>",
                OptinState = new(StringComparer.OrdinalIgnoreCase) { ["offers"] = OptinState.OptedIn },
                Any = [new RuleConditionOptions { Culture = "fr" }, new RuleConditionOptions { ContactKind = ContactKind.Lead }],
            },
            Then =
            [
                new RuleActionOptions { Action = "Wait", Args = new(StringComparer.OrdinalIgnoreCase) { ["For"] = "1.00:00:00" } },
                new RuleActionOptions { Action = "SendEmail", Args = new(StringComparer.OrdinalIgnoreCase) { ["Template"] = "sorry", ["To"] = "sales@shop.example" } },
            ],
        };

        Assert.Equal("When consent is withdrawn and the purpose is <em>news&lt;b&gt;</em> and the opt-in to <em>offers</em> is opted in and "
            + "(the language is <em>fr</em> or the contact is of kind <em>Lead</em>) → wait 1.00:00:00, then send the email <em>sorry</em> to <em>sales@shop.example</em>",
            RuleSentence.Render(rule, "en"));
    }

    [Fact]
    [Trait("Requirement", "SEC-8")]
    public void Render_WebhookAndHostActions_ShowNoSecret()
    {
        var rule = new RuleOptions
        {
            When = "FormSubmitted",
            Then =
            [
                new RuleActionOptions { Action = "Webhook", Args = new(StringComparer.OrdinalIgnoreCase) { ["Url"] = "https://hooks.example/T0/secret-path?key=k1", ["Secret"] = "s" } },
                new RuleActionOptions { Action = "PushToCrm", Args = new(StringComparer.OrdinalIgnoreCase) { ["ApiKey"] = "k2" } },
            ],
        };

        var sentence = RuleSentence.Render(rule, "en");

        Assert.Equal("When any form is submitted → call the webhook at <em>https://hooks.example</em>, then run <em>PushToCrm</em> (ApiKey)", sentence);
    }
}
