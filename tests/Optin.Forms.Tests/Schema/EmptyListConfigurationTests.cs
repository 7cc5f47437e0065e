using System.Text;
using Microsoft.Extensions.Configuration;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Rules;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>
/// <c>[]</c> in appsettings.json: the JSON provider gives an empty array as an empty text, which must read as an empty
/// list (not as a list of one empty name), and a later layer's items must win over it.
/// </summary>
public sealed class EmptyListConfigurationTests
{
    private static (OptinFormsOptions Options, IReadOnlyList<ConfigurationProblem> Problems) Compile(string json,
        Dictionary<string, string?>? later = null)
    {
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Some.Settings())
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        if (later is not null)
        {
            builder.AddInMemoryCollection(later);
        }

        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(builder.Build().GetSection("OptinForms"), options);
        FormCatalogCompiler.TryCompile(options, out var problems);
        return (options, problems);
    }

    private const string RuleWithNoForms = """
        { "OptinForms": { "Rules": [ { "Name": "tag-everyone", "When": "FormSubmitted", "Forms": [],
            "Then": [ { "Action": "AddTag", "Args": { "Tag": "wrote-to-us" } } ] } ] } }
        """;

    [Fact]
    public void Read_RuleWithAnEmptyFormsList_IsARuleForEveryForm()
    {
        var (options, problems) = Compile(RuleWithNoForms);

        Assert.Empty(problems);
        var rule = Assert.Single(options.Rules, r => r.Name == "tag-everyone");
        Assert.Empty(rule.Forms);
    }

    [Fact]
    public void Read_EmptyFormsListThenItemsInALaterLayer_KeepsTheItems()
    {
        var (options, problems) = Compile(RuleWithNoForms, new() { ["OptinForms:Rules:0:Forms:0"] = "contact" });

        Assert.Empty(problems);
        Assert.Equal(["contact"], Assert.Single(options.Rules, r => r.Name == "tag-everyone").Forms);
    }

    [Fact]
    public async Task Post_RuleWithAnEmptyFormsList_RunsForEveryForm()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "tag-everyone", "When": "FormSubmitted", "Forms": [],
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "wrote-to-us" } } ] } ]
            """);

        var asked = await flow.PostAsync("contact", ("email", Some.Email("anne")), ("message", "Un devis ?"));
        var subscribed = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("consent.newsletter", "true"));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(asked, "wrote-to-us"));
        Assert.True(await flow.HasTagAsync(subscribed, "wrote-to-us"));
    }

    [Fact]
    public void Read_EmptyFieldIsEmptyList_IsNoCondition()
    {
        var (options, problems) = Compile("""
            { "OptinForms": { "Rules": [ { "Name": "tag-everyone", "When": "FormSubmitted", "If": { "FieldIsEmpty": [] },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "wrote-to-us" } } ] } ] } }
            """);

        Assert.Empty(problems);
        Assert.Empty(Assert.Single(options.Rules, r => r.Name == "tag-everyone").If!.FieldIsEmpty);
    }

    [Fact]
    [Trait("Requirement", "CONS-4")]
    public void Read_ConsentWithAnEmptyPurposesList_ReadsNoPurposeNotAnEmptyName()
    {
        var (options, _) = Compile("""
            { "OptinForms": { "Forms": { "contact": { "Consents": [ { "Purposes": [] } ] } } } }
            """);

        var consent = Assert.Single(options.Forms["contact"].Consents);
        Assert.NotNull(consent.Purposes);
        Assert.Empty(consent.Purposes);
    }

    [Fact]
    public void Read_ConditionWithAnEmptyInList_IsReportedAsGivingNoValue()
    {
        var (options, problems) = Compile("""
            { "OptinForms": { "Forms": { "contact": { "Fields": { "2": { "Name": "budget", "Kind": "Text",
                "ShowWhen": { "Field": "message", "In": [] } } } } } } }
            """);

        Assert.Empty(options.Forms["contact"].Fields[2].ShowWhen!.In!);
        var problem = Assert.Single(problems);
        Assert.Equal("OptinForms:Forms:contact:Fields:2:ShowWhen", problem.Path);
        Assert.Equal(ConfigurationCodes.Missing, problem.Code);
    }

    [Fact]
    public void Read_ActionArgsListEmptyThenItemsInALaterLayer_KeepsTheItems()
    {
        var (options, _) = Compile("""
            { "OptinForms": { "Rules": [ { "Name": "notify", "When": "FormSubmitted",
                "Then": [ { "Action": "Webhook", "Args": { "Url": "https://hooks.example.test/optin", "IncludeFields": [] } } ] } ] } }
            """, new() { ["OptinForms:Rules:0:Then:0:Args:IncludeFields:0"] = "firstName", ["OptinForms:Rules:0:Then:0:Args:IncludeFields:1"] = "company" });

        var args = Assert.Single(Assert.Single(options.Rules, r => r.Name == "notify").Then).Args;
        Assert.Equal("firstName,company", args["IncludeFields"]);
    }

    [Fact]
    public void Read_EmptyJsonListUnderALaterLayersItemsWhereOneTextIsExpected_IsReported()
    {
        var (_, problems) = Compile("""{ "OptinForms": { "Forms": { "contact": { "SuccessPage": [] } } } }""",
            new() { ["OptinForms:Forms:contact:SuccessPage:0"] = "/merci" });

        Assert.Contains(problems, p => p.Path == "OptinForms:Forms:contact:SuccessPage" && p.Code == ConfigurationCodes.WrongType);
    }
}
