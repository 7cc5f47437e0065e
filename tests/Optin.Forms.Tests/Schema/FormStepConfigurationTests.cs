using Optin.Forms.Schema;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>
/// Start-time checks of a multi-step form (<c>Forms:{id}:Steps</c>): every field on exactly one step, no unknown field,
/// no empty step, the consent boxes on one step (the last by default); each problem with its path.
/// </summary>
[Trait("Feature", "Steps")]
public sealed class FormStepConfigurationTests
{
    private const string S = "OptinForms:Forms:newsletter:Steps";

    /// <summary>The sample newsletter form (email, firstName, two consents) with a third field, split in two steps.</summary>
    private static Dictionary<string, string?> TwoSteps(params (string Key, string? Value)[] values)
    {
        var settings = Some.Settings();
        settings["OptinForms:Forms:newsletter:Fields:2:Name"] = "city";
        settings[$"{S}:0:Title:fr"] = "Vous";
        settings[$"{S}:0:Title:en"] = "You";
        settings[$"{S}:0:Fields:0"] = "email";
        settings[$"{S}:0:Fields:1"] = "firstName";
        settings[$"{S}:1:Title"] = "Ville";
        settings[$"{S}:1:Fields:0"] = "city";
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

    [Fact]
    public void TryCompile_Steps_CompileInOrder_WithTheConsentsOnTheLastStepByDefault()
    {
        var (catalog, problems) = Compile(TwoSteps());

        Assert.Empty(problems);
        var form = catalog!.Forms["newsletter"];
        Assert.Equal(2, form.Steps.Length);
        Assert.Equal(["email", "firstName"], form.Steps[0].Fields.Select(f => f.Name));
        Assert.Equal("You", form.Steps[0].Title.Get("en"));
        Assert.Equal(["city"], form.Steps[1].Fields.Select(f => f.Name));
        Assert.False(form.Steps[0].HasConsents);
        Assert.True(form.Steps[1].HasConsents);
        Assert.True(form.Steps[1].IsLast);
        Assert.True(form.Steps[1].Holds(form, "consent.partners"));
        Assert.False(form.Steps[0].Holds(form, "consent.partners"));
    }

    [Fact]
    public void TryCompile_ConsentsTrue_PutsTheConsentBoxesOnThatStep_AndTheVersionChanges()
    {
        var (catalog, problems) = Compile(TwoSteps(($"{S}:0:Consents", "true")));

        Assert.Empty(problems);
        var form = catalog!.Forms["newsletter"];
        Assert.True(form.Steps[0].HasConsents);
        Assert.False(form.Steps[1].HasConsents);
        Assert.NotEqual(Compile(TwoSteps()).Catalog!.Forms["newsletter"].Version, form.Version);
    }

    [Fact]
    public void TryCompile_AFormWithoutSteps_KeepsItsVersion()
    {
        var settings = Some.Settings();
        var before = Compile(settings).Catalog!.Forms["newsletter"];

        Assert.True(before.Steps.IsEmpty);
        Assert.Equal(before.Version, Compile(Some.Settings()).Catalog!.Forms["newsletter"].Version);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_EveryStepMistake_IsListedWithItsPath()
    {
        var (catalog, problems) = Compile(TwoSteps(
            ($"{S}:1:Fields:0", "email"),           // already on step 1, and city is now on no step
            ($"{S}:1:Fields:1", "citty"),           // unknown, close to city
            ($"{S}:2:Title", "Vide"),               // an empty step
            ($"{S}:0:Consents", "true"),
            ($"{S}:1:Consents", "true"),            // consents on two steps
            ($"{S}:0:Colour", "blue")));            // unknown key

        Assert.Null(catalog);
        Assert.Equal(
        [
            new ConfigurationProblem($"{S}:0:Colour", ConfigurationCodes.UnknownKey,
                "unknown key 'Colour'; expected one of: Title, Fields, Consents"),
            new ConfigurationProblem($"{S}:1:Fields:0", ConfigurationCodes.Duplicate,
                "the field 'email' is already on step 1 (Steps:0); a field sits on one step only"),
            new ConfigurationProblem($"{S}:1:Fields:1", ConfigurationCodes.DanglingReference,
                "'citty' is not a field of the form (a step's Fields are names from the form's Fields) (did you mean 'city'?)"),
            new ConfigurationProblem($"{S}:1:Consents", ConfigurationCodes.Duplicate,
                "the consent boxes are already on step 1 (Steps:0); set Consents: true on one step only"),
            new ConfigurationProblem($"{S}:2:Fields", ConfigurationCodes.Missing,
                "step 3 shows nothing: list at least one field name in its Fields (or set Consents: true on it)"),
            new ConfigurationProblem($"{S}", ConfigurationCodes.Missing,
                "the field 'city' (Fields:2) is on no step; add its name to the Fields of one step"),
        ], problems);
    }

    [Fact]
    public void TryCompile_ConsentsOnAStepOfAFormWithoutConsentBoxes_IsRefused()
    {
        var settings = TwoSteps(($"{S}:1:Consents", "true"));
        settings.Remove("OptinForms:Forms:newsletter:Consents:0");
        settings.Remove("OptinForms:Forms:newsletter:Consents:1");

        var (_, problems) = Compile(settings);

        Assert.Contains(new ConfigurationProblem($"{S}:1:Consents", ConfigurationCodes.Invalid,
            "this form has no consent boxes (its Consents list is empty), so no step can hold them; remove Consents: true"), problems);
    }

    [Fact]
    public void TryCompile_AStepWithOnlyTheConsents_IsAllowed_EvenWrittenAsAnEmptyList()
    {
        var (catalog, problems) = Compile(TwoSteps(($"{S}:2:Fields", ""), ($"{S}:2:Consents", "true")));

        Assert.Empty(problems);
        Assert.True(catalog!.Forms["newsletter"].Steps[2].HasConsents);
        Assert.Empty(catalog.Forms["newsletter"].Steps[2].Fields);
    }

    [Fact]
    public void ValidateStep_ChecksOnlyTheStepsFields_WithTheSubmissionsRules()
    {
        var (catalog, problems) = Compile(TwoSteps(("OptinForms:Forms:newsletter:Fields:2:MaxLength", "4")));
        Assert.Empty(problems);
        var form = catalog!.Forms["newsletter"];

        KeyValuePair<string, string?>[] posted = [new("email", "pas-une-adresse"), new("city", "Villeurbanne")];
        var first = SubmissionPipeline.ValidateStep(form, form.Steps[0], posted);
        var second = SubmissionPipeline.ValidateStep(form, form.Steps[1], posted);

        Assert.Equal([("email", SubmissionCodes.InvalidEmail)], first.Select(e => (e.Field, e.Code)));
        Assert.Equal([("city", SubmissionCodes.TooLong)], second.Select(e => (e.Field, e.Code)));
        Assert.Empty(SubmissionPipeline.ValidateStep(form, form.Steps[0], [new("email", Some.Email())]));
    }
}
