using Fluid;
using Optin.Forms.Templates;

namespace Optin.Forms.Tests.Templates;

/// <summary>
/// The confirmation email's lint (DOI-6) reads the variables from Fluid's syntax tree: the names a template defines itself
/// (assign, capture, for, include arguments) show only what they were given, which is checked where it is read.
/// </summary>
public sealed class TemplateLintTests : IDisposable
{
    private const string NotOneOf = " is not one of ConfirmUrl, Controller, Culture, ExpiresInDays, PurposeText, Purposes, SiteUrl";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "optin-lint-" + Guid.NewGuid().ToString("N"));

    public TemplateLintTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "partials"));
    }

    /// <summary>The lint's problems for <paramref name="source"/>, with the files it includes read from the test's template root.</summary>
    private string[] Problems(string source)
    {
        Assert.True(FluidEngine.Parser.TryParse(source, out var template, out var error), error);
        return [.. TemplateLint.NeutralProblems(source, TemplateReferences.Of(template, new TemplateRootFileProvider(_root)))];
    }

    private void Partial(string name, string text) => File.WriteAllText(Path.Combine(_root, "partials", name + ".liquid"), text);

    private static string Typed(string name, string? file = null) =>
        $"a confirmation email shows nothing the visitor typed; '{name}'{(file is null ? "" : $" in the included file '{file}'")}{NotOneOf}";

    [Theory]
    [Trait("Requirement", "DOI-6")]
    [InlineData("{% include 'partials/link' with ConfirmUrl %}", "<a href=\"{{ link }}\">{{ link }}</a>")]
    [InlineData("{% include 'partials/link' with ConfirmUrl as url %}", "<a href=\"{{ url }}\">{{ url }}</a>")]
    [InlineData("{% include 'partials/link', url: ConfirmUrl, days: ExpiresInDays %}", "<a href=\"{{ url }}\">{{ days }}</a>")]
    [InlineData("{% render 'partials/link', url: ConfirmUrl %}", "<a href=\"{{ url }}\">{{ url }}</a>")]
    [InlineData("<ul>{% include 'partials/link' for Purposes as p %}</ul>", "<li>{{ p.Text }} ({{ p.Controller }})</li>")]
    public void NeutralProblems_IncludeGivenNeutralValues_HasNone(string source, string partial)
    {
        Partial("link", partial);

        Assert.Empty(Problems(source));
    }

    [Theory]
    [Trait("Requirement", "DOI-6")]
    [InlineData("{% assign x = ConfirmUrl %}<a href=\"{{ x }}\">{{ x }}</a>")]
    [InlineData("{% capture c %}{{ Controller }}, {{ SiteUrl }}{% endcapture %}{{ c | strip }}")]
    [InlineData("{% assign days = ExpiresInDays | plus: 1 %}{{ days }}{% increment sent %}{{ sent }}")]
    [InlineData("{% for p in Purposes %}{{ p.Text }} — {{ p.Consent }} ({{ forloop.index }}){% endfor %}")]
    [InlineData("{% for p in Purposes%}{{ p.Id }}{% endfor %}")]
    [InlineData("{% assign ConfirmUrl = SiteUrl %}{{ ConfirmUrl }}")]
    public void NeutralProblems_LocalGivenANeutralValue_HasNone(string source)
    {
        Assert.Empty(Problems(source));
    }

    [Theory]
    [Trait("Requirement", "DOI-6")]
    [InlineData("{% assign x = Fields.email %}{{ x }}", "Fields.email")]
    [InlineData("{% capture c %}{{ Fields.email }}{% endcapture %}{{ c }}", "Fields.email")]
    [InlineData("{% for f in Values %}{{ f }}{% endfor %}", "Values")]
    [InlineData("{% include 'partials/link' with Email %}", "Email")]
    [InlineData("{% assign x = ConfirmUrl | append: Fields.email %}{{ x }}", "Fields.email")]
    [InlineData("{{ ConfirmUrl | replace: 'x', Fields['first name'] }}", "Fields.first name")]
    [InlineData("{% if Fields.email %}{{ ConfirmUrl }}{% endif %}", "Fields.email")]
    public void NeutralProblems_LocalGivenAVisitorTypedValue_IsAProblem(string source, string read)
    {
        Partial("link", "{{ link }}");

        Assert.Equal([Typed(read)], Problems(source));
    }

    [Theory]
    [Trait("Requirement", "DOI-6")]
    [InlineData("{% assign Fields = ConfirmUrl %}{{ Fields.email }}", "Fields.email")]
    [InlineData("{% capture Email %}{{ SiteUrl }}{% endcapture %}{{ Email }}", "Email")]
    [InlineData("{% for Fields in Purposes %}{{ Fields.Text }}{% endfor %}", "Fields.Text")]
    [InlineData("{{ Consents }}{% assign Consents = Controller %}", "Consents")]
    public void NeutralProblems_LocalNamedLikeAMemberThatIsNotNeutral_StillIsAProblem(string source, string read)
    {
        Assert.Equal([Typed(read)], Problems(source));
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void NeutralProblems_ReadInAnIncludedFile_NamesTheFile()
    {
        Partial("greeting", "<p>{{ greeting }}, {{ Fields.firstName }}</p>");

        Assert.Equal([Typed("Fields.firstName", "partials/greeting.liquid"), Typed("Email")],
            Problems("{% include 'partials/greeting' with Controller %}{{ Email }}"));
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void NeutralProblems_TextThatDoesNotParse_IsReadAsText()
    {
        // The compile step reports the parse error; the lint still reads the names and images it can see.
        Assert.Equal(["a confirmation email carries no images, embeds or tracking; found '<img'", Typed("Fields.firstName")],
            TemplateLint.NeutralProblems("<img src=\"x\">{{ Fields.firstName }}{% if %}", references: null));
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void NeutralProblems_IncludedFileThatDoesNotParse_IsReadAsText()
    {
        Partial("broken", "{{ Email }}{% if %}");

        Assert.Equal([Typed("Email", "partials/broken.liquid")], Problems("{{ ConfirmUrl }}{% include 'partials/broken' %}"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
