using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>Start-time validation: every problem, with its path and stable code, never only the first.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void TryCompile_SampleConfiguration_HasNoProblem()
    {
        var (catalog, problems) = Compile(Some.Settings());

        Assert.Empty(problems);
        Assert.NotNull(catalog);
        Assert.Equal(["contact", "newsletter"], catalog.Forms.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CONS-2")]
    public void TryCompile_PreCheckedConsent_IsRefusedAtItsPath()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purpose", "newsletter"),
            ("OptinForms:Forms:contact:Consents:0:Checked", "true")));

        Assert.Null(catalog);
        var problem = Assert.Single(problems);
        Assert.Equal(new ConfigurationProblem("OptinForms:Forms:contact:Consents:0", ConfigurationCodes.PreCheckedConsent,
            "a consent checkbox cannot be checked by default"), problem);
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    public void TryCompile_MarketingPurposeOnAFormWithoutDoubleOptin_IsRefused()
    {
        var (catalog, problems) = Compile(With(("OptinForms:Forms:contact:DoubleOptin", "false")));

        Assert.Null(catalog);
        var problem = Assert.Single(problems);
        Assert.Equal("OptinForms:Forms:contact:DoubleOptin", problem.Path);
        Assert.Equal(ConfigurationCodes.MarketingWithoutDoubleOptin, problem.Code);
        Assert.Contains("'newsletter' is marketing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    public void TryCompile_PurposeThatIsNotMarketingOnAFormWithoutDoubleOptin_IsAccepted()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:Forms:contact:DoubleOptin", "false"),
            ("OptinForms:Purposes:newsletter:Marketing", "false")));

        Assert.Empty(problems);
        Assert.False(catalog!.FindForm("contact")!.DoubleOptin);
    }

    [Fact]
    [Trait("Requirement", "CONS-2")]
    public void TryCompile_ConsentCheckedFalse_IsAccepted()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purpose", "newsletter"),
            ("OptinForms:Forms:contact:Consents:0:Checked", "false")));

        Assert.Empty(problems);
        Assert.Equal("newsletter", Assert.Single(catalog!.Forms["contact"].Consents).Id);
    }

    [Theory]
    [Trait("Requirement", "CONS-4")]
    [InlineData(null, "newsletter", "partners")]
    [InlineData("newsletter", "partners", null)]
    public void TryCompile_OneCheckboxForSeveralPurposes_IsRefused(string? purpose, string? first, string? second)
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purpose", purpose),
            ("OptinForms:Forms:contact:Consents:0:Purposes:0", first),
            ("OptinForms:Forms:contact:Consents:0:Purposes:1", second)));

        Assert.Null(catalog);
        var problem = Assert.Single(problems);
        Assert.Equal("OptinForms:Forms:contact:Consents:0", problem.Path);
        Assert.Equal(ConfigurationCodes.SeveralPurposes, problem.Code);
        Assert.Contains("newsletter, partners", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CONS-9")]
    public void TryCompile_MarketingPurposeWithoutControllerNoticeOrRetention_ListsEveryProblem()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:DataProtection:Controller", null),
            ("OptinForms:DataProtection:PrivacyNoticeUrl", null),
            ("OptinForms:Purposes:partners:Marketing", "false"),
            ("OptinForms:Purposes:newsletter:Retention", null)));

        Assert.Null(catalog);
        Assert.Equal(
        [
            ("OptinForms:Purposes:newsletter:Controller", ConfigurationCodes.IncompleteMarketingPurpose),
            ("OptinForms:Purposes:newsletter:PrivacyNoticeUrl", ConfigurationCodes.IncompleteMarketingPurpose),
            ("OptinForms:Purposes:newsletter:Retention", ConfigurationCodes.IncompleteMarketingPurpose),
            ("OptinForms:DataProtection:Controller", ConfigurationCodes.Missing), // the contact form's processing notice (PROC-1)
        ], problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    [Trait("Requirement", "CONS-9")]
    public void TryCompile_MarketingPurposeWithItsOwnControllerAndNotice_IsAccepted()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:DataProtection:Controller", null),
            ("OptinForms:DataProtection:PrivacyNoticeUrl", null),
            ("OptinForms:Purposes:newsletter:Controller", "Atelier Dupont SARL"),
            ("OptinForms:Purposes:newsletter:PrivacyNoticeUrl", "/confidentialite-newsletter"),
            ("OptinForms:Purposes:partners:Marketing", "false")));

        Assert.Empty(problems);
        Assert.Equal("Atelier Dupont SARL", catalog!.Purposes["newsletter"].Controller);
        Assert.Null(catalog.Purposes["partners"].Controller);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_DanglingReferences_AreReportedWithTheirPaths()
    {
        var (_, problems) = Compile(With(
            ("OptinForms:Forms:contact:Consents:0", "newsleter"),
            ("OptinForms:LandingPages:salon:Form", "inscription")));

        Assert.Equal(
        [
            new ConfigurationProblem("OptinForms:Forms:contact:Consents:0", ConfigurationCodes.DanglingReference,
                "the purpose 'newsleter' is not declared under OptinForms:Purposes"),
            new ConfigurationProblem("OptinForms:LandingPages:salon:Form", ConfigurationCodes.DanglingReference,
                "the form 'inscription' is not declared under OptinForms:Forms"),
        ], problems);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_UnknownKeys_AreReportedAtEveryLevel()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:Frms:x", "1"),
            ("OptinForms:DataProtection:IpAdress", "None"),
            ("OptinForms:Purposes:newsletter:Texts:fr:Consentement", "x"),
            ("OptinForms:Forms:newsletter:SucessPage", "/merci"),
            ("OptinForms:Forms:newsletter:Fields:1:Requird", "true"),
            ("OptinForms:LandingPages:salon:Titel", "x")));

        Assert.Null(catalog);
        Assert.All(problems, p => Assert.Equal(ConfigurationCodes.UnknownKey, p.Code));
        Assert.Equal(
        [
            "OptinForms:Frms",
            "OptinForms:DataProtection:IpAdress",
            "OptinForms:Purposes:newsletter:Texts:fr:Consentement",
            "OptinForms:Forms:newsletter:SucessPage",
            "OptinForms:Forms:newsletter:Fields:1:Requird",
            "OptinForms:LandingPages:salon:Titel",
        ], problems.Select(p => p.Path));
        Assert.Equal("unknown key 'SucessPage'; expected one of: Title, Fields, Consents, SuccessPage, DoubleOptin, ContactKind, Processing, Abuse, DefaultRegion, Steps",
            problems[3].Message);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_WrongTypes_AreReportedWithTheValueFound()
    {
        var (catalog, problems) = Compile(With(
            ("OptinForms:DataProtection:IpAddress", "Partial"),
            ("OptinForms:Purposes:newsletter:Marketing", "oui"),
            ("OptinForms:Purposes:partners:Retention", "1 year"),
            ("OptinForms:Forms:newsletter:DoubleOptin", "1"),
            ("OptinForms:Forms:newsletter:Fields:0:Kind", "Emial"),
            ("OptinForms:Forms:newsletter:Fields:1:MaxLength", "eighty"),
            ("OptinForms:Forms:newsletter:Fields:1:Kind", "2")));

        Assert.Null(catalog);
        var wrongTypes = problems.Where(p => p.Code == ConfigurationCodes.WrongType).ToList();
        Assert.Equal(
        [
            "OptinForms:DataProtection:IpAddress: expected one of Full, Truncated, None, found 'Partial'",
            "OptinForms:Purposes:newsletter:Marketing: expected true or false, found 'oui'",
            "OptinForms:Purposes:partners:Retention: expected a duration such as 3.00:00:00 (days.hours:minutes:seconds), found '1 year'",
            "OptinForms:Forms:newsletter:DoubleOptin: expected true or false, found '1'",
            "OptinForms:Forms:newsletter:Fields:0:Kind: expected one of Text, Email, Phone, TextArea, Select, Checkbox, Hidden, Number, Date, Radio, CheckboxGroup, MultiSelect, found 'Emial'",
            "OptinForms:Forms:newsletter:Fields:1:Kind: expected one of Text, Email, Phone, TextArea, Select, Checkbox, Hidden, Number, Date, Radio, CheckboxGroup, MultiSelect, found '2'",
            "OptinForms:Forms:newsletter:Fields:1:MaxLength: expected a whole number, found 'eighty'",
        ], wrongTypes.Select(p => p.ToString()));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_SeveralKindsOfMistake_ListsEveryOneNotOnlyTheFirst()
    {
        var (_, problems) = Compile(With(
            ("OptinForms:Forms:newsletter:SucessPage", "/merci"),
            ("OptinForms:Forms:newsletter:Fields:1:MaxLength", "eighty"),
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purposes:0", "newsletter"),
            ("OptinForms:Forms:contact:Consents:0:Purposes:1", "partners"),
            ("OptinForms:Purposes:partners:Retention", null),
            ("OptinForms:LandingPages:salon:Form", "inscription")));

        Assert.Equal(
        [
            ConfigurationCodes.UnknownKey, ConfigurationCodes.WrongType, ConfigurationCodes.IncompleteMarketingPurpose,
            ConfigurationCodes.SeveralPurposes, ConfigurationCodes.DanglingReference,
        ], problems.Select(p => p.Code));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Compile_InvalidConfiguration_ThrowsWithEveryProblemInTheMessage()
    {
        var options = Read(With(("OptinForms:Forms:contact:Consents:0", "newsleter"), ("OptinForms:Forms:contact:Fields:1:Requird", "true")));

        var ex = Assert.Throws<OptinConfigurationException>(() => FormCatalogCompiler.Compile(options));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Equal(
            "The Optin.Forms configuration has 2 problems:" + Environment.NewLine
            + "  OptinForms:Forms:contact:Fields:1:Requird: unknown key 'Requird'; expected one of: Name, Kind, Required, MaxLength, Pattern, Label, Options, Value, Min, Max, MaxChoices, DefaultRegion, ShowWhen"
            + Environment.NewLine
            + "  OptinForms:Forms:contact:Consents:0: the purpose 'newsleter' is not declared under OptinForms:Purposes",
            ex.Message);
    }

    internal static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = Some.Settings();
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    internal static OptinFormsOptions Read(IDictionary<string, string?> settings)
    {
        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(Some.Section(settings), options);
        return options;
    }

    private static (FormCatalog? Catalog, IReadOnlyList<ConfigurationProblem> Problems) Compile(IDictionary<string, string?> settings)
    {
        var catalog = FormCatalogCompiler.TryCompile(Read(settings), out var problems);
        return (catalog, problems);
    }
}
