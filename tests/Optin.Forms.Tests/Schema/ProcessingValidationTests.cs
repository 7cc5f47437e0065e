using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;
using static Optin.Forms.Tests.Schema.StartupValidationTests;

namespace Optin.Forms.Tests.Schema;

/// <summary>Start-time validation of a form's declared processing: a form whose data has no declared processing does not load (PROC-1).</summary>
[Trait("Requirement", "PROC-1")]
public sealed class ProcessingValidationTests
{
    private const string Hint =
        "add Processing with a Purpose, a LegalBasis (Contract, LegitimateInterest with the LegitimateInterest stated, or LegalObligation) and a Retention";

    private static readonly (string Key, string? Value)[] NoProcessing =
    [
        ("OptinForms:Forms:contact:Processing:Purpose:fr", null),
        ("OptinForms:Forms:contact:Processing:Purpose:en", null),
        ("OptinForms:Forms:contact:Processing:LegalBasis", null),
        ("OptinForms:Forms:contact:Processing:Retention", null),
    ];

    private static IReadOnlyList<ConfigurationProblem> Problems(params (string Key, string? Value)[] changes)
    {
        FormCatalogCompiler.TryCompile(Read(With(changes)), out var problems);
        return problems;
    }

    [Fact]
    public void TryCompile_RequiredFieldBesidesEmailWithoutProcessing_IsRefusedWithHowToFixIt()
    {
        var problem = Assert.Single(Problems(NoProcessing));

        Assert.Equal(new ConfigurationProblem("OptinForms:Forms:contact:Processing", ConfigurationCodes.Missing,
            "the form requires 'message', which its consent purposes do not need, so the processing of its data is not declared: " + Hint),
            problem);
    }

    [Fact]
    public void TryCompile_FormWithoutConsentPurposeOrProcessing_IsRefused()
    {
        var problem = Assert.Single(Problems([.. NoProcessing, ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Fields:1:Required", "false")]));

        Assert.Equal(new ConfigurationProblem("OptinForms:Forms:contact:Processing", ConfigurationCodes.Missing,
            "the form has no consent purpose, so the processing of its data is not declared: " + Hint), problem);
    }

    [Fact]
    public void TryCompile_ConsentOnlyFormWithOptionalFields_NeedsNoProcessing()
    {
        // The newsletter form: an email, an optional first name, consent boxes; its data serves its purposes alone.
        Assert.Empty(Problems([.. NoProcessing, ("OptinForms:Forms:contact:Fields:1:Required", "false")]));
    }

    [Fact]
    public void TryCompile_IncompleteProcessing_ListsEachMissingItemAtItsPath()
    {
        var problems = Problems(
            ("OptinForms:Forms:contact:Processing:Purpose:fr", null),
            ("OptinForms:Forms:contact:Processing:LegalBasis", null),
            ("OptinForms:Forms:contact:Processing:Retention", null));

        Assert.Equal(
        [
            new("OptinForms:Forms:contact:Processing:Purpose", ConfigurationCodes.Missing,
                "the purpose of the form's processing is required, at least in the default culture 'fr'"),
            new("OptinForms:Forms:contact:Processing:LegalBasis", ConfigurationCodes.Missing,
                "the legal basis is required: Contract, LegitimateInterest or LegalObligation"),
            new("OptinForms:Forms:contact:Processing:Retention", ConfigurationCodes.Missing,
                "the retention of the form's data is required, for example 1095.00:00:00 (3 years)"),
        ], problems);
    }

    [Fact]
    public void TryCompile_LegitimateInterestNotStatedAndZeroRetention_AreRefused()
    {
        var problems = Problems(
            ("OptinForms:Forms:contact:Processing:LegalBasis", "LegitimateInterest"),
            ("OptinForms:Forms:contact:Processing:Retention", "00:00:00"));

        Assert.Equal(
        [
            new("OptinForms:Forms:contact:Processing:LegitimateInterest", ConfigurationCodes.Missing,
                "a processing based on a legitimate interest states that interest (GDPR Art. 13(1)(d))"),
            new("OptinForms:Forms:contact:Processing:Retention", ConfigurationCodes.Invalid, "the retention must be longer than zero"),
        ], problems);
    }

    [Fact]
    public void TryCompile_LegitimateInterestStated_IsAccepted()
    {
        Assert.Empty(Problems(
            ("OptinForms:Forms:contact:Processing:LegalBasis", "LegitimateInterest"),
            ("OptinForms:Forms:contact:Processing:LegitimateInterest:fr", "Suivre les demandes de nos prospects")));
    }

    [Fact]
    public void TryCompile_ConsentAsTheBasisOfAFormProcessing_IsRefusedForConsentBoxes()
    {
        var problem = Assert.Single(Problems(("OptinForms:Forms:contact:Processing:LegalBasis", "Consent")));

        Assert.Equal(new ConfigurationProblem("OptinForms:Forms:contact:Processing:LegalBasis", ConfigurationCodes.Invalid,
            "consent is given one box per purpose, not by sending the form: declare the purpose under OptinForms:Purposes and list it under Consents, or choose Contract, LegitimateInterest or LegalObligation"),
            problem);
    }

    [Fact]
    public void TryCompile_PurposeOnlyInAnotherCulture_IsRefused()
    {
        var problem = Assert.Single(Problems(("OptinForms:Forms:contact:Processing:Purpose:fr", null)));

        Assert.Equal("OptinForms:Forms:contact:Processing:Purpose", problem.Path);
    }

    [Fact]
    public void TryCompile_ProcessingWithoutAnyController_IsRefused()
    {
        var problem = Assert.Single(Problems(
            ("OptinForms:DataProtection:Controller", null),
            ("OptinForms:Purposes:newsletter:Controller", null),
            ("OptinForms:Purposes:newsletter:Marketing", "false"),
            ("OptinForms:Purposes:partners:Marketing", "false")));

        Assert.Equal(new ConfigurationProblem("OptinForms:DataProtection:Controller", ConfigurationCodes.Missing,
            "a form that declares a processing shows a notice that names the controller: set the controller's name and address"), problem);
    }

    [Fact]
    public void Host_FormWithoutDeclaredProcessing_DoesNotStart()
    {
        using var services = Some.Services(out _, With(NoProcessing));

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        Assert.Contains("OptinForms:Forms:contact:Processing: the form requires 'message'", ex.Message, StringComparison.Ordinal);
    }
}
