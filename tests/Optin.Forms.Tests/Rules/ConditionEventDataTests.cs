using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>A condition that can never match on its rule's event is refused at start, and rule problems name the rule.</summary>
public sealed class ConditionEventDataTests
{
    private static Dictionary<string, string?> WithRule(string when, string condition, string value, string name = "webinar-goodbye")
    {
        var settings = Flow.Settings();
        settings["OptinForms:Rules:4:Name"] = name;
        settings["OptinForms:Rules:4:When"] = when;
        settings[$"OptinForms:Rules:4:If:{condition}"] = value;
        settings["OptinForms:Rules:4:Then:0:Action"] = "AddTag";
        settings["OptinForms:Rules:4:Then:0:Args:Tag"] = "webinar";
        return settings;
    }

    private static string[] Failures(Dictionary<string, string?> settings, Action<Optin.Forms.DependencyInjection.OptinFormsBuilder>? configure = null)
    {
        using var services = Some.Services(out _, settings, configure);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    private static void Loads(Dictionary<string, string?> settings, Action<Optin.Forms.DependencyInjection.OptinFormsBuilder>? configure = null)
    {
        using var services = Some.Services(out _, settings, configure);
        Assert.Equal(5, services.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Rules.Count);
    }

    [Theory]
    [Trait("Requirement", "CFG-1")]
    [InlineData("OptinWithdrawn")]
    [InlineData("ContactOptinChanged")]
    public void Start_FormIsOnAnEventWithoutAForm_IsRefusedNamingTheEventsItWorksOn(string when)
    {
        var failures = Failures(WithRule(when, "FormIs", "newsletter"));

        Assert.Contains($"OptinForms:Rules[webinar-goodbye] (position 4):If:FormIs: the condition FormIs 'newsletter' can never match on {when}: " +
            "that event carries no form. FormIs can be used on FormSubmitted, OptinConfirmed, DoubleOptinExpired", failures);
    }

    [Theory]
    [Trait("Requirement", "CFG-1")]
    [InlineData("FormSubmitted")]
    [InlineData("OptinConfirmed")]
    [InlineData("DoubleOptinExpired")]
    public void Start_FormIsOnAnEventThatFollowsASubmission_IsAccepted(string when) =>
        Loads(WithRule(when, "FormIs", "newsletter"));

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_PurposeOnFormSubmitted_IsRefusedPointingToConsentGiven()
    {
        var failures = Failures(WithRule("FormSubmitted", "Purpose", "newsletter", name: "early"));

        Assert.Contains("OptinForms:Rules[early] (position 4):If:Purpose: the condition Purpose 'newsletter' can never match on FormSubmitted: " +
            "that event carries no purpose. Purpose can be used on OptinConfirmed, OptinWithdrawn, DoubleOptinExpired, ContactOptinChanged; " +
            "on FormSubmitted, \"ConsentGiven\": \"newsletter\" tests the consents given", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_ConsentGivenAndCultureNestedOnOptinWithdrawn_AreRefusedWithTheirPaths()
    {
        var settings = WithRule("OptinWithdrawn", "Any:0:ConsentGiven", "newsletter");
        settings["OptinForms:Rules:4:If:Any:1:All:0:Culture"] = "fr";

        var failures = Failures(settings);

        Assert.Contains("OptinForms:Rules[webinar-goodbye] (position 4):If:Any:0:ConsentGiven: the condition ConsentGiven 'newsletter' can never match " +
            "on OptinWithdrawn: that event carries no consents given. ConsentGiven can be used on FormSubmitted", failures);
        Assert.Contains("OptinForms:Rules[webinar-goodbye] (position 4):If:Any:1:All:0:Culture: the condition Culture 'fr' can never match " +
            "on OptinWithdrawn: that event carries no culture. Culture can be used on FormSubmitted, OptinConfirmed", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_FieldConditionsOnAnyEvent_AreAccepted()
    {
        // Without posted values a field condition reads the contact's fields, so it can match on every event.
        var settings = WithRule("OptinWithdrawn", "FieldEquals:company", "Dupont");
        settings["OptinForms:Rules:4:If:FieldIsEmpty:0"] = "phone";
        Loads(settings);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_HostConditionDeclaringTheFormOnOptinWithdrawn_IsRefused()
    {
        var failures = Failures(WithRule("OptinWithdrawn", "FromPartner", "yes"), b => b.AddCondition<FromPartnerCondition>());

        Assert.Contains("OptinForms:Rules[webinar-goodbye] (position 4):If:FromPartner: the condition FromPartner can never match on OptinWithdrawn: " +
            "that event carries no form and landing page. FromPartner can be used on FormSubmitted, OptinConfirmed, DoubleOptinExpired", failures);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_HostConditionDeclaringNothing_IsAcceptedOnEveryEvent() =>
        Loads(WithRule("ContactOptinChanged", "AlwaysTrue", "yes"), b => b.AddCondition<AlwaysTrueCondition>());

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_RuleProblem_NamesTheRuleAndKeepsTheConfigurationPath()
    {
        var settings = Flow.Settings();
        settings["OptinForms:Rules:2:Colour"] = "blue";
        settings["OptinForms:Rules:4:When"] = "OptinConfirmed";
        settings["OptinForms:Rules:4:Then:0:Action"] = "AddTag";
        settings["OptinForms:Rules:4:Then:0:Args:Tag"] = "x";
        settings["OptinForms:Rules:4:Then:1:Action"] = "SendEmail";
        settings["OptinForms:Rules:4:Then:1:Args:Template"] = "absent";
        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(OptinFormsOptions.SectionName), options);

        FormCatalogCompiler.TryCompile(options, out var read);
        var validator = Failures(settings);

        var unknown = Assert.Single(read, p => p.Path == "OptinForms:Rules:2:Colour");
        Assert.Equal("OptinForms:Rules[welcome] (position 2):Colour", unknown.Location);
        Assert.StartsWith("OptinForms:Rules[welcome] (position 2):Colour: unknown key 'Colour'", unknown.ToString(), StringComparison.Ordinal);
        // A rule without a name keeps its position only.
        Assert.Contains("OptinForms:Rules:4:Name: a rule needs a name", validator);
        Assert.Contains("OptinForms:Rules:4:Then:1:Args:Template: the template 'absent' is not declared", validator);
    }

    [RuleConditionNeeds(EventData.Form | EventData.LandingPage)]
    private sealed class FromPartnerCondition : IRuleCondition
    {
        public bool Evaluate(RuleConditionContext context, IReadOnlyDictionary<string, string?> args) => true;
    }

    private sealed class AlwaysTrueCondition : IRuleCondition
    {
        public bool Evaluate(RuleConditionContext context, IReadOnlyDictionary<string, string?> args) => true;
    }
}
