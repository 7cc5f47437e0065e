using Optin.Forms.Schema;

namespace Optin.Forms.Tests.Schema;

/// <summary><c>OptinForms:Forms:{formId}:Abuse:Challenge</c>: read, compiled onto the form, and checked like every key.</summary>
[Trait("Feature", "Challenge")]
public sealed class FormAbuseConfigurationTests
{
    [Fact]
    public void Compile_ChallengeTrue_IsOnThatFormOnly()
    {
        var catalog = FormCatalogCompiler.TryCompile(
            StartupValidationTests.Read(StartupValidationTests.With(("OptinForms:Forms:newsletter:Abuse:Challenge", "true"))), out var problems);

        Assert.Empty(problems);
        Assert.True(catalog!.FindForm("newsletter")!.Challenge);
        Assert.False(catalog.FindForm("contact")!.Challenge);
    }

    [Fact]
    public void Compile_NoAbuseSection_HasNoChallenge()
    {
        var catalog = FormCatalogCompiler.TryCompile(StartupValidationTests.Read(StartupValidationTests.With()), out _);

        Assert.False(catalog!.FindForm("newsletter")!.Challenge);
    }

    [Fact]
    public void Compile_ChallengeSetInCSharp_IsOnTheForm()
    {
        var options = StartupValidationTests.Read(StartupValidationTests.With());
        options.Forms["contact"].Abuse.Challenge = true;

        Assert.True(FormCatalogCompiler.TryCompile(options, out _)!.FindForm("contact")!.Challenge);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void TryCompile_AMistypedOrWronglyTypedChallenge_IsReportedAtItsPath()
    {
        var catalog = FormCatalogCompiler.TryCompile(StartupValidationTests.Read(StartupValidationTests.With(
            ("OptinForms:Forms:newsletter:Abuse:Challenge", "oui"),
            ("OptinForms:Forms:contact:Abuse:Chalenge", "true"))), out var problems);

        Assert.Null(catalog);
        var messages = problems.Select(p => p.ToString()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("OptinForms:Forms:newsletter:Abuse:Challenge: expected true or false, found 'oui'", messages);
        Assert.Contains("OptinForms:Forms:contact:Abuse:Chalenge: unknown key 'Chalenge'; expected one of: Challenge", messages);
    }
}
