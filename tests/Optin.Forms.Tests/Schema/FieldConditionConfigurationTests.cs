using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>Start-time checks of conditional fields (<c>ShowWhen</c>): every mistake with its path and a sentence that says what to do.</summary>
public sealed class FieldConditionConfigurationTests
{
    private const string F = "OptinForms:Forms:cond:Fields";

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_ConditionalForm_CompilesWithItsConditions_IntoTheVersionAndTheArchivedDefinition()
    {
        var (catalog, problems) = Compile(Conditional());

        Assert.Empty(problems);
        var form = catalog!.Forms["cond"];
        Assert.Equal("topic", form.FindField("budget")!.ShowWhen!.Field);
        Assert.Equal<string>(["quote"], form.FindField("budget")!.ShowWhen!.Values);
        Assert.Equal<string>(["quote", "demo"], form.FindField("deadline")!.ShowWhen!.Values);
        Assert.Null(form.FindField("topic")!.ShowWhen);
        Assert.Contains("\"showWhen\":{\"field\":\"topic\",\"values\":[\"quote\"]}", Optin.Forms.Consent.FormCanonical.Of(form).Json, StringComparison.Ordinal);

        var (other, _) = Compile(Conditional(($"{F}:2:ShowWhen:Equals", "info")));
        Assert.NotEqual(form.Version, other!.Forms["cond"].Version);
    }

    [Fact]
    public void TryCompile_FormWithoutConditions_KeepsItsVersionAndArchivedDefinition()
    {
        var (catalog, _) = Compile(Some.Settings());

        Assert.DoesNotContain("showWhen", Optin.Forms.Consent.FormCanonical.Of(catalog!.Forms["contact"]).Json, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string, string, string> Mistakes => new()
    {
        // key under the budget field (index 2, shown when topic is quote), value, problem path under the field, code, message
        { "ShowWhen:Field", "topc", "2:ShowWhen:Field", ConfigurationCodes.DanglingReference,
            "the field 'topc' is not declared in this form (did you mean 'topic'?)" },
        { "ShowWhen:Field", "consent.newsletter", "2:ShowWhen:Field", ConfigurationCodes.DanglingReference,
            "'consent.newsletter' is a consent box, not a field of this form: a field cannot depend on one" },
        { "ShowWhen:Field", "budget", "2:ShowWhen:Field", ConfigurationCodes.ConditionCycle,
            "the field 'budget' cannot be shown on a condition on itself: it would never be shown; name another field" },
        { "ShowWhen:Field", "agenda", "2:ShowWhen:Field", ConfigurationCodes.Invalid,
            "the field 'agenda' comes after 'budget' in the form; a condition reads an earlier field, as a visitor answers in order: move 'agenda' before 'budget'" },
        { "ShowWhen:Equals", "quot", "2:ShowWhen:Equals", ConfigurationCodes.Invalid,
            "'quot' is not an option of the field 'topic' (did you mean 'quote'?); its options are quote, info, demo" },
        { "ShowWhen:Field", null, "2:ShowWhen:Field", ConfigurationCodes.Missing,
            "a condition names the field it reads, for example \"ShowWhen\": { \"Field\": \"topic\", \"Equals\": \"quote\" }" },
        { "ShowWhen:Equals", null, "2:ShowWhen", ConfigurationCodes.Missing,
            "a condition needs the value that shows the field: \"Equals\": \"quote\", or \"In\": [\"quote\", \"demo\"] for several" },
        { "ShowWhen:In:0", "info", "2:ShowWhen:In", ConfigurationCodes.Invalid, "use Equals for one value or In for several, not both" },
        { "ShowWhen:Equals", " quote", "2:ShowWhen:Equals", ConfigurationCodes.Invalid,
            "' quote' cannot show a field: a condition value is not empty and has no surrounding spaces (posted values are trimmed)" },
        { "ShowWhen:Equal", "quote", "2:ShowWhen:Equal", ConfigurationCodes.UnknownKey, "unknown key 'Equal'; expected one of: Field, Equals, In" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_ConditionMistake_RefusedAtItsPathWithItsSentence(string key, string? value, string path, string code, string message)
    {
        var (catalog, problems) = Compile(Conditional(($"{F}:2:{key}", value)));

        Assert.Null(catalog);
        Assert.Equal([new ConfigurationProblem($"{F}:{path}", code, message)], problems);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_ConditionsInACircle_RefusedOnceNamingTheCircle()
    {
        // topic (1) shown when deadline (3) is 2026-06-30; deadline shown when topic is quote or demo: a circle.
        var (catalog, problems) = Compile(Conditional(($"{F}:1:ShowWhen:Field", "deadline"), ($"{F}:1:ShowWhen:Equals", "2026-06-30")));

        Assert.Null(catalog);
        Assert.Equal([new ConfigurationProblem($"{F}:1:ShowWhen:Field", ConfigurationCodes.ConditionCycle,
            "the conditions go round in a circle ('topic' → 'deadline' → 'topic'): none of these fields could ever be shown; remove one of the conditions")],
            problems);
    }

    [Fact]
    public void TryCompile_LongerCircle_NamesEveryFieldOfIt()
    {
        // topic reads siret, which reads size, which reads pro, which now reads budget, which reads topic.
        var (_, problems) = Compile(Conditional(($"{F}:1:ShowWhen:Field", "siret"), ($"{F}:1:ShowWhen:Equals", "x"),
            ($"{F}:6:ShowWhen:Field", "budget"), ($"{F}:6:ShowWhen:Equals", "1")));

        var problem = Assert.Single(problems, p => p.Code == ConfigurationCodes.ConditionCycle);
        Assert.Equal($"{F}:1:ShowWhen:Field", problem.Path);
        Assert.Contains("('topic' → 'siret' → 'size' → 'pro' → 'budget' → 'topic')", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_CheckboxReadWithAValueItNeverPosts_Refused()
    {
        var (_, problems) = Compile(Conditional(($"{F}:7:ShowWhen:Equals", "yes")));

        Assert.Equal([new ConfigurationProblem($"{F}:7:ShowWhen:Equals", ConfigurationCodes.Invalid,
            "'yes' is never posted by the checkbox 'pro', which posts true when ticked: write \"Equals\": \"true\"")], problems);
    }

    [Fact]
    public void TryCompile_OneOfSeveralValuesNotAnOption_RefusedAtItsIndex()
    {
        var (_, problems) = Compile(Conditional(($"{F}:3:ShowWhen:In:1", "demos")));

        Assert.Equal([new ConfigurationProblem($"{F}:3:ShowWhen:In:1", ConfigurationCodes.Invalid,
            "'demos' is not an option of the field 'topic' (did you mean 'demo'?); its options are quote, info, demo")], problems);
    }

    [Fact]
    public void TryCompile_EmailFieldWithACondition_Refused()
    {
        var (_, problems) = Compile(Conditional(($"{F}:0:ShowWhen:Field", "topic"), ($"{F}:0:ShowWhen:Equals", "quote")));

        Assert.Contains(new ConfigurationProblem($"{F}:0:ShowWhen", ConfigurationCodes.Invalid,
            "the email field identifies the contact and is always shown: it cannot have a condition (ShowWhen)"), problems);
    }

    [Fact]
    [Trait("Requirement", "CONS-4")]
    public void TryCompile_ConsentBoxWithACondition_RefusedWithItsOwnReason()
    {
        var (catalog, problems) = Compile(Conditional(("OptinForms:Forms:cond:Consents:0", null),
            ("OptinForms:Forms:cond:Consents:0:Purpose", "newsletter"),
            ("OptinForms:Forms:cond:Consents:0:ShowWhen:Field", "topic"), ("OptinForms:Forms:cond:Consents:0:ShowWhen:Equals", "quote")));

        Assert.Null(catalog);
        Assert.Equal([new ConfigurationProblem("OptinForms:Forms:cond:Consents:0:ShowWhen", ConfigurationCodes.ConditionalConsent,
            "a consent checkbox is always shown, whatever the other answers: it cannot have a condition (ShowWhen); put the condition on a field instead")],
            problems);
    }

    [Fact]
    public void TryCompile_ShowWhenAsText_RefusedAsTheWrongType()
    {
        var settings = Conditional();
        settings.Remove($"{F}:2:ShowWhen:Field");
        settings.Remove($"{F}:2:ShowWhen:Equals");
        settings[$"{F}:2:ShowWhen"] = "topic=quote";

        var (_, problems) = Compile(settings);

        Assert.Equal([new ConfigurationProblem($"{F}:2:ShowWhen", ConfigurationCodes.WrongType,
            "expected an object such as { \"Field\": \"topic\", \"Equals\": \"quote\" }, found 'topic=quote'")], problems);
    }

    [Fact]
    public void TryCompile_SeveralMistakes_AllListed()
    {
        var (_, problems) = Compile(Conditional(($"{F}:2:ShowWhen:Field", "topc"), ($"{F}:3:ShowWhen:In:1", "demos"),
            ($"{F}:5:ShowWhen:Field", "agenda")));

        Assert.Equal([$"{F}:2:ShowWhen:Field", $"{F}:3:ShowWhen:In:1", $"{F}:5:ShowWhen:Field"], problems.Select(p => p.Path));
    }

    [Fact]
    public void AddForm_DeclaredInCSharp_TheConditionHolds()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddOptinForms(Some.Section())
            .AddForm("devis", f => f.Email()
                .Field("topic", FieldKind.Select, required: true, configure: o => o.Options = [new() { Value = "quote" }, new() { Value = "info" }])
                .Field("budget", FieldKind.Number, required: true, configure: o => o.ShowWhen = new() { Field = "topic", Value = "quote" })
                .Field("team", FieldKind.Text, configure: o => o.ShowWhen = new() { Field = "topic", In = ["quote", "info"] })
                .Consent("newsletter")
                .Processing(p =>
                {
                    p.Purpose["fr"] = "Répondre à votre demande de devis.";
                    p.LegalBasis = LegalBasis.Contract;
                    p.Retention = TimeSpan.FromDays(365);
                }))
            .Services.BuildServiceProvider();

        var form = services.GetRequiredService<IFormCatalogProvider>().Current.Forms["devis"];

        Assert.Equal<string>(["quote"], form.FindField("budget")!.ShowWhen!.Values);
        Assert.Equal<string>(["quote", "info"], form.FindField("team")!.ShowWhen!.Values);
    }

    private static Dictionary<string, string?> Conditional(params (string Key, string? Value)[] values)
    {
        var settings = Some.Settings();
        foreach (var (key, value) in FieldConditionTests.ConditionalForm("cond"))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static (FormCatalog? Catalog, IReadOnlyList<ConfigurationProblem> Problems) Compile(IDictionary<string, string?> settings)
    {
        var catalog = FormCatalogCompiler.TryCompile(StartupValidationTests.Read(settings), out var problems);
        return (catalog, problems);
    }
}
