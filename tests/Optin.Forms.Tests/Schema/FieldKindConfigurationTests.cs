using Optin.Forms.Schema;
using Optin.Forms.Tests.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>Start-time checks of the field kinds: choices, bounds, regions, and fields that would pass for a consent.</summary>
public sealed class FieldKindConfigurationTests
{
    private const string F = "OptinForms:Forms:contact:Fields";
    private const string Why = "consent is given only through the consent checkboxes declared under Consents, one per purpose";

    [Fact]
    public void TryCompile_EveryNewKind_CompilesWithItsSettings()
    {
        var settings = Some.Settings();
        foreach (var (key, value) in FieldKindValidationTests.KindsForm("kinds"))
        {
            settings[key] = value;
        }

        settings["OptinForms:Forms:kinds:DefaultRegion"] = "BE";
        var (catalog, problems) = Compile(settings);

        Assert.Empty(problems);
        var form = catalog!.Forms["kinds"];
        Assert.Equal(2, form.FindField("interests")!.MaxChoices);
        Assert.Equal(3, form.FindField("products")!.MaxChoices);
        Assert.Equal(("1", "10"), (form.FindField("seats")!.Min, form.FindField("seats")!.Max));
        Assert.Equal(("2026-01-01", "2026-12-31"), (form.FindField("visit")!.Min, form.FindField("visit")!.Max));
        Assert.Equal("FR", form.FindField("phone")!.DefaultRegion);
        Assert.Equal("BE", form.FindField("mobile")!.DefaultRegion);
        // The definition a consent archives as the form shown (EVD-1) holds the limits too.
        var archived = Optin.Forms.Consent.FormCanonical.Of(form).Json;
        Assert.Contains("\"name\":\"seats\",", archived, StringComparison.Ordinal);
        Assert.Contains("\"min\":\"1\",\"max\":\"10\"", archived, StringComparison.Ordinal);
        Assert.Contains("\"maxChoices\":2", archived, StringComparison.Ordinal);
        Assert.Contains("\"defaultRegion\":\"FR\"", archived, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "CONS-4")]
    [InlineData("Name", "newsletter", "Name",
        "the field 'newsletter' takes the name of a purpose declared under OptinForms:Purposes; " + Why + ": rename the field")]
    [InlineData("Name", "optin", "Name", "the field name 'optin' reads like a consent ('optin'); " + Why + ": rename the field")]
    [InlineData("Name", "marketing-consent", "Name",
        "the field name 'marketing-consent' reads like a consent ('consent'); " + Why + ": rename the field")]
    [InlineData("Options:1:Value", "consent", "Options:1:Value",
        "the option 'consent' reads like a consent ('consent'); " + Why + ", never as an option of a field")]
    [InlineData("Options:1:Label:fr", "J'accepte d'être recontacté", "Options:1:Label:fr",
        "the option label 'J'accepte d'être recontacté' reads like a consent ('j accepte'); " + Why + ", never as an option of a field")]
    [InlineData("Options:1:Label:en", "I AGREE!", "Options:1:Label:en",
        "the option label 'I AGREE!' reads like a consent ('i agree'); " + Why + ", never as an option of a field")]
    [InlineData("Options:1:Label:fr", "Je consens au démarchage", "Options:1:Label:fr",
        "the option label 'Je consens au démarchage' reads like a consent ('consens'); " + Why + ", never as an option of a field")]
    public void TryCompile_CheckboxGroupThatMimicsAConsent_IsRefusedAtItsPathSayingWhy(string key, string value, string path, string message)
    {
        var (catalog, problems) = Compile(With(
            ($"{F}:2:Name", "topics"), ($"{F}:2:Kind", "CheckboxGroup"),
            ($"{F}:2:Options:0", "news"), ($"{F}:2:Options:1:Value", "events"),
            ($"{F}:2:{key}", value)));

        Assert.Null(catalog);
        Assert.Equal([new ConfigurationProblem($"{F}:2:{path}", ConfigurationCodes.ConsentLookalike, message)], problems);
    }

    [Theory]
    [Trait("Requirement", "CONS-4")]
    [InlineData("Checkbox", "I agree to receive offers")]
    [InlineData("Checkbox", "J’accepte les offres")]
    [InlineData("Radio", null)]
    [InlineData("Select", null)]
    [InlineData("MultiSelect", null)]
    public void TryCompile_OtherChoiceKindsThatMimicAConsent_AreRefused(string kind, string? label)
    {
        var settings = With(($"{F}:2:Name", "choice"), ($"{F}:2:Kind", kind),
            ($"{F}:2:Options:0:Value", "yes"), ($"{F}:2:Options:0:Label:en", label ?? "Yes, I consent"));
        if (label is not null)
        {
            settings[$"{F}:2:Label:en"] = label;
        }

        var (catalog, problems) = Compile(settings);

        Assert.Null(catalog);
        var problem = Assert.Single(problems);
        Assert.Equal(ConfigurationCodes.ConsentLookalike, problem.Code);
        Assert.Equal(kind == "Checkbox" ? $"{F}:2:Label:en" : $"{F}:2:Options:0:Label:en", problem.Path);
    }

    [Theory]
    [InlineData("Consent to contact")]
    [InlineData("Accessibility needs")]
    [InlineData("Nous contacter")]
    public void ConsentPhrase_OrdinaryWords_AreNotTakenForAConsentUnlessTheyAre(string text)
    {
        Assert.Equal(text.StartsWith("Consent", StringComparison.Ordinal) ? "consent" : null, FormCatalogCompiler.ConsentPhrase(text));
    }

    [Fact]
    public void TryCompile_WrongSettingsOfTheNewKinds_AreAllListedWithTheirPaths()
    {
        var (catalog, problems) = Compile(With(
            ($"{F}:2:Name", "seats"), ($"{F}:2:Kind", "Number"), ($"{F}:2:Min", "douze"), ($"{F}:2:Max", "1,5"),
            ($"{F}:3:Name", "visit"), ($"{F}:3:Kind", "Date"), ($"{F}:3:Min", "2026-12-31"), ($"{F}:3:Max", "2026-01-01"),
            ($"{F}:4:Name", "city"), ($"{F}:4:Kind", "Text"), ($"{F}:4:Min", "1"), ($"{F}:4:DefaultRegion", "FR"), ($"{F}:4:MaxChoices", "2"),
            ($"{F}:5:Name", "topics"), ($"{F}:5:Kind", "CheckboxGroup"), ($"{F}:5:MaxChoices", "3"),
            ($"{F}:5:Options:0", "news"), ($"{F}:5:Options:1", "news"), ($"{F}:5:Options:2", " events"),
            ($"{F}:6:Name", "topic"), ($"{F}:6:Kind", "Radio"),
            ($"{F}:7:Name", "phone"), ($"{F}:7:Kind", "Phone"), ($"{F}:7:DefaultRegion", "XX"),
            ("OptinForms:Forms:contact:DefaultRegion", "France")));

        Assert.Null(catalog);
        Assert.Equal(
        [
            new("OptinForms:Forms:contact:DefaultRegion", ConfigurationCodes.Invalid,
                "'France' is not a region that telephone numbers are known for; use a two-letter ISO 3166-1 code such as FR, BE, CH, DE or GB"),
            new($"{F}:2:Min", ConfigurationCodes.Invalid, "'douze' is not a number; write it with '.' as the decimal point, such as 0, 18 or 12.5"),
            new($"{F}:2:Max", ConfigurationCodes.Invalid, "'1,5' is not a number; write it with '.' as the decimal point, such as 0, 18 or 12.5"),
            new($"{F}:3:Max", ConfigurationCodes.Invalid,
                "the maximum (2026-01-01) is below the minimum (2026-12-31): no value could be accepted"),
            new($"{F}:4:Min", ConfigurationCodes.Invalid, "Min applies to fields of kind Number or Date only; this field is of kind Text"),
            new($"{F}:4:MaxChoices", ConfigurationCodes.Invalid,
                "MaxChoices applies to fields of kind CheckboxGroup or MultiSelect only; this field is of kind Text"),
            new($"{F}:4:DefaultRegion", ConfigurationCodes.Invalid, "DefaultRegion applies to fields of kind Phone only; this field is of kind Text"),
            new($"{F}:5:Options:1:Value", ConfigurationCodes.Duplicate, "the option value 'news' is declared twice"),
            new($"{F}:5:Options:2:Value", ConfigurationCodes.Invalid,
                "the option value 'events' starts or ends with a space or holds a line break or control character"),
            new($"{F}:6:Options", ConfigurationCodes.Missing, "a Radio field needs at least one choice"),
            new($"{F}:7:DefaultRegion", ConfigurationCodes.Invalid,
                "'XX' is not a region that telephone numbers are known for; use a two-letter ISO 3166-1 code such as FR, BE, CH, DE or GB"),
        ], problems);
    }

    [Fact]
    public void TryCompile_Bounds_EnterTheFormVersion()
    {
        var plain = Compile(With(($"{F}:2:Name", "seats"), ($"{F}:2:Kind", "Number"))).Catalog!.Forms["contact"].Version;
        var bounded = Compile(With(($"{F}:2:Name", "seats"), ($"{F}:2:Kind", "Number"), ($"{F}:2:Max", "9"))).Catalog!.Forms["contact"].Version;

        Assert.NotEqual(plain, bounded);
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] values)
    {
        var settings = Some.Settings();
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
