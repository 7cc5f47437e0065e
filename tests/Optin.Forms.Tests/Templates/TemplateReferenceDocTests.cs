using System.Text;
using Fluid;
using System.Text.RegularExpressions;
using Optin.Forms.Templates;

namespace Optin.Forms.Tests.Templates;

/// <summary>docs/templates.md lists exactly the variables the start-time check allows, per kind, and its examples pass that check.</summary>
public sealed partial class TemplateReferenceDocTests
{
    private static readonly Dictionary<string, TemplateKind> Sections = new(StringComparer.Ordinal)
    {
        ["## Double opt-in email"] = TemplateKind.DoubleOptin,
        ["## Marketing email (and any email to the contact)"] = TemplateKind.Marketing,
        ["## Notification email"] = TemplateKind.Notification,
        ["## Landing page"] = TemplateKind.LandingPage,
    };

    private static readonly HashSet<string> ExampleFields = new(StringComparer.Ordinal) { "firstName", "topic" };

    /// <summary>The table the reference shows for a kind, built from the checker's own list.</summary>
    internal static string Table(TemplateKind kind)
    {
        var table = new StringBuilder("| Variable | What it holds | In `optin preview` |\n|---|---|---|\n");
        foreach (var v in TemplateVariables.Of(kind))
        {
            table.Append($"| `{v.Name}` | {v.Description} | `{v.Sample}` |\n");
        }

        return table.ToString();
    }

    private static string Doc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "templates.md")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", "templates.md")).ReplaceLineEndings("\n");
    }

    private static string Section(string doc, string heading)
    {
        var start = doc.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/templates.md has no section '{heading}'");
        var end = doc.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    [Theory]
    [Trait("Requirement", "AUTH-1")]
    [InlineData("DoubleOptin")]
    [InlineData("Marketing")]
    [InlineData("Notification")]
    [InlineData("LandingPage")]
    public void Reference_ListsExactlyTheVariablesTheCheckAllows(string name)
    {
        var kind = Enum.Parse<TemplateKind>(name);
        var section = Section(Doc(), Sections.Single(s => s.Value == kind).Key);
        var documented = VariableRow().Matches(section).Select(m => m.Groups["name"].Value).ToList();

        Assert.Equal(TemplateVariables.Of(kind).Select(v => v.Name), documented);
        Assert.Contains(Table(kind), section, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "AUTH-1")]
    [InlineData("DoubleOptin")]
    [InlineData("Marketing")]
    [InlineData("Notification")]
    [InlineData("LandingPage")]
    public void Reference_ExamplePassesTheCheckOfItsKind(string name)
    {
        var kind = Enum.Parse<TemplateKind>(name);
        var section = Section(Doc(), Sections.Single(s => s.Value == kind).Key);
        var example = Example().Match(section);
        Assert.True(example.Success, $"the {kind} section has no ```liquid example");
        var source = example.Groups["liquid"].Value;

        Assert.True(FluidEngine.Parser.TryParse(source, out var template, out var error), error);
        Assert.Empty(TemplateVariableCheck.ProblemsOf(template, kind, ExampleFields));
        Assert.Empty(kind == TemplateKind.DoubleOptin ? TemplateLint.NeutralProblems(source, TemplateReferences.Of(template)) : []);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Reference_EveryKindHasASection()
    {
        var headings = Regex.Matches(Doc(), "^## .*$", RegexOptions.Multiline).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.All(Sections.Keys, h => Assert.Contains(h, headings));
        Assert.Equal(Enum.GetValues<TemplateKind>().Order(), Sections.Values.Order());
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    [Trait("Requirement", "DOI-6")]
    public void Reference_EmailKindsCoverExactlyTheEmailModel()
    {
        var emailKinds = new[] { TemplateKind.DoubleOptin, TemplateKind.Marketing, TemplateKind.Notification };

        Assert.Equal(EmailModel.Members.Order(StringComparer.Ordinal),
            emailKinds.SelectMany(TemplateVariables.Of).Select(v => v.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(EmailModel.NeutralMembers.Order(StringComparer.Ordinal),
            TemplateVariables.Of(TemplateKind.DoubleOptin).Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex VariableRow();

    [GeneratedRegex(@"```liquid\n(?<liquid>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
