using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Rules;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

public sealed class RuleValidationTests
{
    private static string[] Failures(Action<Dictionary<string, string?>> amend, Action<Optin.Forms.DependencyInjection.OptinFormsBuilder>? configure = null)
    {
        var settings = Flow.Settings();
        amend(settings);
        using var services = Some.Services(out _, settings, configure);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    [Fact]
    public void Validate_SampleRules_Load()
    {
        using var services = Some.Services(out _, Flow.Settings());
        Assert.Equal(4, services.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Rules.Count);
    }

    [Fact]
    [Trait("Requirement", "CFG-3")]
    [Trait("Requirement", "CFG-1")]
    public void Validate_UnknownEventActionArgumentAndForm_ListsEveryProblemWithItsPath()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Rules:0:When"] = "FormPosted";
            s["OptinForms:Rules:1:Then:0:Args:For"] = "three days";
            s["OptinForms:Rules:2:Then:0:Action"] = "SendSms";
            s["OptinForms:Rules:3:Forms:0"] = "devis";
            s["OptinForms:Rules:3:Then:0:Args:Colour"] = "blue";
        });

        Assert.Contains("OptinForms:Rules[double-opt-in] (position 0):When: unknown event 'FormPosted'; expected one of: FormSubmitted, OptinConfirmed, OptinWithdrawn, DoubleOptinExpired, ContactOptinChanged", failures);
        Assert.Contains("OptinForms:Rules[remind-once] (position 1):Then:0:Args:For: 'three days' does not convert to TimeSpan", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[welcome] (position 2):Then:0:Action: unknown action 'SendSms'; expected one of: AddTag, SendDoubleOptinEmail", StringComparison.Ordinal));
        Assert.Contains("OptinForms:Rules[notify-sales] (position 3):Forms:0: the form 'devis' is not declared", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[notify-sales] (position 3):Then:0:Args:Colour: unknown argument 'Colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingTemplateAndUnknownCondition_Fail()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Rules:2:Then:0:Args:Template"] = "bienvenue";
            s["OptinForms:Rules:2:If:Weather"] = "sunny";
        });

        Assert.Contains("OptinForms:Rules[welcome] (position 2):Then:0:Args:Template: the template 'bienvenue' is not declared", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[welcome] (position 2):If:Weather: unknown condition 'Weather'", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Validate_MisspeltTemplateFormAndPurpose_SuggestTheClosestDeclaredName()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Rules:2:Then:0:Args:Template"] = "welcom";
            s["OptinForms:Rules:3:Forms:0"] = "contcat";
            s["OptinForms:Rules:0:If:FormIs"] = "newsleter";
        });

        Assert.Contains("OptinForms:Rules[welcome] (position 2):Then:0:Args:Template: the template 'welcom' is not declared (did you mean 'welcome'?)", failures);
        Assert.Contains("OptinForms:Rules[notify-sales] (position 3):Forms:0: the form 'contcat' is not declared (did you mean 'contact'?)", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[double-opt-in] (position 0):If:FormIs", StringComparison.Ordinal)
            && f.EndsWith("is not declared (did you mean 'newsletter'?)", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    public void Validate_MarketingEmailOnSubmission_FailsToLoad()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Rules:4:Name"] = "too-early";
            s["OptinForms:Rules:4:When"] = "FormSubmitted";
            s["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
            s["OptinForms:Rules:4:Then:0:Args:Template"] = "welcome";
            s["OptinForms:Rules:4:Then:0:Args:Purpose"] = "newsletter";
            s["OptinForms:Rules:5:Name"] = "opt-in-by-rule";
            s["OptinForms:Rules:5:When"] = "FormSubmitted";
            s["OptinForms:Rules:5:Then:0:Action"] = "SetOptin";
            s["OptinForms:Rules:5:Then:0:Args:Purpose"] = "newsletter";
            s["OptinForms:Rules:5:Then:0:Args:State"] = "OptedIn";
        });

        Assert.Contains("OptinForms:Rules[too-early] (position 4):Then:0:Args:Template: 'welcome' is a marketing email: send it on OptinConfirmed or under \"If\": { \"OptinState\": { \"newsletter\": \"OptedIn\" } }, never before confirmation (DOI-1)", failures);
        Assert.Contains("OptinForms:Rules[opt-in-by-rule] (position 5):Then:0:Args:State: a rule cannot opt anyone in to the marketing purpose 'newsletter'; only the person's confirmation can (DOI-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-3")]
    public void Validate_RuleCycle_FailsToLoad()
    {
        var failures = Failures(_ => { }, b => b.AddRules(r => r.When<ContactOptinChanged>("loop")
            .If(c => c.Purpose = "partners").Then("SetOptin", new { Purpose = "partners", State = "Withdrawn" })));

        Assert.Contains("OptinForms:Rules[loop] (position 4): the rule 'loop' starts a cycle: ContactOptinChanged → ContactOptinChanged", failures);
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    [Trait("Requirement", "WD-1")]
    public void Validate_ConfirmationTemplateWithVisitorValuesAndMarketingWithoutUnsubscribe_FailToLoad()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Templates:double-optin:Subject"] = "Bonjour {{ Fields.firstName }}";
            s["OptinForms:Templates:double-optin:Html"] = "<p>{{ ConfirmUrl }}</p><img src=\"https://t.example/p.gif\">";
            s["OptinForms:Templates:double-optin:Text"] = "{{ ConfirmUrl }}";
            s["OptinForms:Templates:promo:Marketing"] = "true";
            s["OptinForms:Templates:promo:Subject"] = "Promo";
            s["OptinForms:Templates:promo:Html"] = "<p>-20 %</p>";
            s["OptinForms:Templates:promo:Text"] = "-20 %";
        });

        Assert.Contains("OptinForms:Rules[double-opt-in] (position 0):Then:0:Args:Template:Subject: a confirmation email shows nothing the visitor typed; 'Fields.firstName' is not one of ConfirmUrl, Controller, Culture, ExpiresInDays, PurposeText, Purposes, SiteUrl (DOI-6)", failures);
        Assert.Contains("OptinForms:Rules[double-opt-in] (position 0):Then:0:Args:Template:Html: a confirmation email carries no images, embeds or tracking; found '<img' (DOI-6)", failures);
        Assert.Contains("OptinForms:Templates:promo:Html: a marketing email shows a visible unsubscribe link ({{ UnsubscribeUrl }}) in every culture; '*' does not (WD-1)", failures);
    }

    [Fact]
    public void Validate_DoubleOptinAndMailSettings_AreChecked()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:DoubleOptin:MaxSendsPerPending"] = "0";
            s["OptinForms:DoubleOptin:TokenLifetime"] = "a week";
            s["OptinForms:DoubleOptin:Colour"] = "blue";
            s["OptinForms:Mail:From"] = "not a mailbox";
            s["OptinForms:Mail:Sender"] = "Carrier pigeon";
        });

        Assert.Contains("OptinForms:DoubleOptin:MaxSendsPerPending: must be at least 1", failures);
        Assert.Contains("OptinForms:DoubleOptin:TokenLifetime: expected a duration such as 3.00:00:00 (days.hours:minutes:seconds), found 'a week'", failures);
        Assert.Contains(failures, f => f.StartsWith("OptinForms:DoubleOptin:Colour: unknown key 'Colour'", StringComparison.Ordinal));
        Assert.Contains("OptinForms:Mail:From: not a mailbox such as Atelier Dupont <bonjour@atelier-dupont.example> (SEC-3)", failures);
        Assert.Contains("OptinForms:Mail:Sender: expected one of Pickup, Smtp, InMemory, found 'Carrier pigeon'", failures);
    }
}
