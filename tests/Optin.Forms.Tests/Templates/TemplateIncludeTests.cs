using Fluid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using Optin.Forms.Schema;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

/// <summary>
/// <c>{% include %}</c> reads files under the template root and nothing else (CFG-2), in landing pages and emails; the
/// start-time check walks included files; a full landing page (Layout: None) must show its form and assets.
/// </summary>
public sealed class TemplateIncludeTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "optin-include-" + Guid.NewGuid().ToString("N"));

    public TemplateIncludeTests()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(Root, "partials"));
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.liquid"), "TOP-SECRET");
        File.WriteAllText(Path.Combine(Root, "partials", "header.liquid"), "<header>{{ title }}</header>");
    }

    private string Root => Path.Combine(_base, "templates");

    private string Outside => Path.Combine(_base, "outside");

    private static readonly string[] Traversals = ["../outside/secret", "../outside/secret.liquid", "partials/../../outside/secret"];

    private string[] Failures(Action<Dictionary<string, string?>> amend)
    {
        var settings = Flow.Settings();
        settings["OptinForms:TemplateRoot"] = Root;
        amend(settings);
        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    private FormCatalog Loads(Action<Dictionary<string, string?>> amend)
    {
        var settings = Flow.Settings();
        settings["OptinForms:TemplateRoot"] = Root;
        amend(settings);
        using var services = Some.Services(out _, settings);
        Assert.NotNull(services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return services.GetRequiredService<IFormCatalogProvider>().Current;
    }

    private static void Page(Dictionary<string, string?> s, string html, string? layout = null)
    {
        s["OptinForms:LandingPages:salon:Template"] = "salon-page";
        s["OptinForms:Templates:salon-page:Html:fr"] = html;
        if (layout is not null)
        {
            s["OptinForms:LandingPages:salon:Layout"] = layout;
        }
    }

    private const string FullPage = "<!DOCTYPE html><html lang=\"{{ culture }}\"><head><title>{{ title }}</title>{{ assets }}</head><body><main>{{ form }}</main></body></html>";

    // ---- The file provider, on its own: what Fluid would read.

    [Theory]
    [Trait("Requirement", "CFG-2")]
    [InlineData("../outside/secret.liquid")]
    [InlineData("partials/../../outside/secret.liquid")]
    [InlineData("..%2foutside/secret.liquid")]
    [InlineData("%2e%2e/outside/secret.liquid")]
    [InlineData("..\\outside\\secret.liquid")]
    [InlineData("./../outside/secret.liquid")]
    public void Provider_Traversal_ReadsNothing(string name)
    {
        var files = new TemplateRootFileProvider(Root);

        Assert.Null(files.Resolve(name));
        Assert.False(files.GetFileInfo(name).Exists);
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void Provider_AbsolutePath_ReadsNothing()
    {
        var files = new TemplateRootFileProvider(Root);
        var absolute = Path.Combine(Outside, "secret.liquid");

        Assert.Null(files.Resolve(absolute));
        Assert.Null(files.Resolve(Path.Combine(Root, "partials", "header.liquid")));
        Assert.False(files.GetFileInfo(absolute).Exists);
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void Provider_LinksLeadingOutside_ReadNothing_LinksInside_AreFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "secret.liquid"), Path.Combine(Outside, "secret.liquid"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "elsewhere"), Outside);
        File.CreateSymbolicLink(Path.Combine(Root, "relative.liquid"), "../outside/secret.liquid");
        File.CreateSymbolicLink(Path.Combine(Root, "head.liquid"), Path.Combine(Root, "partials", "header.liquid"));
        var files = new TemplateRootFileProvider(Root);

        Assert.Null(files.Resolve("secret.liquid"));
        Assert.Null(files.Resolve("elsewhere/secret.liquid"));
        Assert.Null(files.Resolve("relative.liquid"));
        Assert.Equal(Path.Combine(files.Root, "partials", "header.liquid"), files.Resolve("head.liquid"));
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void Provider_HiddenSegmentsAndMissingFiles_ReadNothing_AFileUnderTheRoot_IsRead()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        File.WriteAllText(Path.Combine(Root, ".git", "config.liquid"), "x");
        var files = new TemplateRootFileProvider(Root);

        Assert.Null(files.Resolve(".git/config.liquid"));
        Assert.Null(files.Resolve("partials/missing.liquid"));
        Assert.Null(files.Resolve("partials"));
        using var reader = new StreamReader(files.GetFileInfo("partials/header.liquid").CreateReadStream());
        Assert.Equal("<header>{{ title }}</header>", reader.ReadToEnd());
    }

    /// <summary>Fluid itself, given the provider: an include that climbs out of the root fails the render, and reads nothing.</summary>
    [Theory]
    [Trait("Requirement", "CFG-2")]
    [InlineData("{% include '../outside/secret' %}")]
    [InlineData("{% include 'partials/../../outside/secret' %}")]
    [InlineData("{% render '../outside/secret' %}")]
    public async Task Fluid_WithTheProvider_IncludeOutsideTheRoot_FailsAndReadsNothing(string source)
    {
        Assert.True(FluidEngine.Parser.TryParse(source, out var template, out var error), error);
        var context = new TemplateContext(FluidEngine.CreateOptions(new FakeClock(Some.Now), new TemplateRootFileProvider(Root)));

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await template.RenderAsync(context));

        Assert.DoesNotContain("TOP-SECRET", ex.ToString(), StringComparison.Ordinal);
    }

    // ---- Landing pages: start-time checks.

    [Theory]
    [Trait("Requirement", "CFG-2")]
    [MemberData(nameof(TraversalData))]
    public void LandingPage_IncludeOutsideTheRoot_IsRefusedAtStartWithItsPath(string name)
    {
        var failures = Failures(s => Page(s, $"{{% include '{name}' %}}{{{{ form }}}}"));

        Assert.Contains(failures, f => f.StartsWith($"OptinForms:Templates:salon-page:Html:fr: {{% include '{name}' %}} reads", StringComparison.Ordinal)
            && f.Contains("which is not a file under the template root", StringComparison.Ordinal));
    }

    public static TheoryData<string> TraversalData() => [.. Traversals];

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void LandingPage_IncludeOfAMissingFile_IsRefusedAtStartWithItsPathAndName()
    {
        var failures = Failures(s => Page(s, "{% include 'partials/footer' %}{{ form }}"));

        Assert.Contains(failures, f => f.StartsWith(
            "OptinForms:Templates:salon-page:Html:fr: {% include 'partials/footer' %} reads 'partials/footer.liquid', which is not a file under the template root",
            StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void LandingPage_IncludeThroughALinkLeadingOutside_IsRefusedAtStart()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "partials", "secret.liquid"), Path.Combine(Outside, "secret.liquid"));

        var failures = Failures(s => Page(s, "{% include 'partials/secret' %}{{ form }}"));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:salon-page:Html:fr: {% include 'partials/secret' %} reads", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void LandingPage_IncludeWithAComputedName_IsRefused_ACycle_IsRefused()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "a.liquid"), "{% include 'partials/b' %}");
        File.WriteAllText(Path.Combine(Root, "partials", "b.liquid"), "{% include 'partials/a' %}");

        var failures = Failures(s => Page(s, "{% assign p = 'partials/header' %}{% include p %}{% include 'partials/a' %}{{ form }}"));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:salon-page:Html:fr: {% include %} takes the file's name in quotes", StringComparison.Ordinal));
        Assert.Contains("OptinForms:Templates:salon-page:Html:fr: 'partials/a.liquid' includes itself "
            + "(partials/a.liquid → partials/b.liquid → partials/a.liquid), which never ends", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void LandingPage_IncludedFile_IsCheckedForVariablesAsIfWrittenInPlace()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "bad.liquid"), "<p>{{ titel }}</p>");
        File.WriteAllText(Path.Combine(Root, "partials", "broken.liquid"), "<p>{% if %}</p>");

        var failures = Failures(s => Page(s, "{% include 'partials/bad' %}{% include 'partials/broken' %}{{ form }}"));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:salon-page:Html:fr: {{ titel }} is not a variable of a landing page", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:salon-page:Html:fr: 'partials/broken.liquid' (from {% include %}) is not valid Liquid", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void LandingPage_IncludeUnderTheRoot_Loads()
    {
        var catalog = Loads(s => Page(s, "{% include 'partials/header' %}{{ form }}"));

        Assert.Equal(new TemplateRootFileProvider(Root).Root, catalog.LandingPages["salon"].TemplateRoot);
    }

    // ---- Full pages (Layout: None).

    [Fact]
    public void FullPage_WithFormAndAssets_Loads_WithItsLayout()
    {
        var catalog = Loads(s => Page(s, FullPage, "None"));

        Assert.Equal(LandingLayout.None, catalog.LandingPages["salon"].Layout);
    }

    [Fact]
    public void FullPage_WithoutTheForm_IsRefusedAtStartWithItsPath()
    {
        var failures = Failures(s => Page(s, FullPage.Replace("{{ form }}", "", StringComparison.Ordinal), "None"));

        Assert.Contains("OptinForms:Templates:salon-page:Html:fr: a full page (Layout: None) shows {{ form }} where the form goes, or the page has "
            + "no form and no consent box; this one does not (it is the template of OptinForms:LandingPages:salon)", failures);
        Assert.DoesNotContain(failures, f => f.Contains("{{ assets }}", StringComparison.Ordinal));
    }

    [Fact]
    public void FullPage_WithoutTheAssets_IsRefusedAtStart()
    {
        var failures = Failures(s => Page(s, FullPage.Replace("{{ assets }}", "", StringComparison.Ordinal), "None"));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:salon-page:Html:fr: a full page (Layout: None) shows {{ assets }} in its <head>",
            StringComparison.Ordinal));
    }

    [Fact]
    public void FullPage_FormInAnIncludedFile_Loads_AndTheDefaultLayout_NeedsNeither()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "body.liquid"), "<main>{{ form }}</main>");

        Loads(s => Page(s, FullPage.Replace("<main>{{ form }}</main>", "{% include 'partials/body' %}", StringComparison.Ordinal), "None"));
        Loads(s => Page(s, "<p>Bienvenue</p>"));
    }

    [Fact]
    public void FullPage_FromAFileUnderTheRoot_Loads_AFileOutside_IsRefused()
    {
        File.WriteAllText(Path.Combine(Root, "salon.html"), FullPage);

        var catalog = Loads(s =>
        {
            s["OptinForms:LandingPages:salon:Template"] = "salon-page";
            s["OptinForms:LandingPages:salon:Layout"] = "None";
            s["OptinForms:Templates:salon-page:HtmlFile:fr"] = "salon.html";
        });
        var failures = Failures(s =>
        {
            s["OptinForms:LandingPages:salon:Template"] = "salon-page";
            s["OptinForms:Templates:salon-page:HtmlFile:fr"] = "../outside/secret.liquid";
        });

        Assert.Equal(FullPage, catalog.LandingPages["salon"].TemplateHtml.Get("fr"));
        Assert.Contains("OptinForms:Templates:salon-page:HtmlFile:fr: '../outside/secret.liquid' is outside the template root (CFG-2)", failures);
    }

    [Fact]
    public void FullPage_WithoutATemplate_OrAnUnknownLayout_IsRefused()
    {
        var failures = Failures(s => s["OptinForms:LandingPages:salon:Layout"] = "None");
        var unknown = Failures(s => Page(s, FullPage, "Full"));

        Assert.Contains(failures, f => f.StartsWith("OptinForms:LandingPages:salon:Layout: a full page (Layout: None) is written by its Template", StringComparison.Ordinal));
        Assert.Contains(unknown, f => f.StartsWith("OptinForms:LandingPages:salon:Layout: expected one of Default, None, found 'Full'", StringComparison.Ordinal));
    }

    // ---- Emails.

    [Fact]
    [Trait("Requirement", "CFG-2")]
    [Trait("Requirement", "EVD-1")]
    public async Task Email_IncludeUnderTheRoot_IsRendered_AndArchivedWithTheEmail()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "signature.liquid"), "<p>L'équipe — {{ SiteUrl }}</p>");
        var options = new OptinFormsOptions { TemplateRoot = Root };
        options.Templates["news"] = new EmailTemplateOptions
        {
            Subject = { ["fr"] = "Nouveautés" },
            Html = { ["fr"] = "<p>Bonjour</p>{% include 'partials/signature' %}" },
            Text = { ["fr"] = "Bonjour" },
        };
        var problems = new List<ConfigurationProblem>();

        var renderer = new EmailRenderer(EmailTemplateCompiler.Compile(options, problems), new FakeClock(Some.Now));
        var email = await renderer.RenderAsync("news", "fr", new EmailModel { SiteUrl = "https://example.test" });

        Assert.Empty(problems);
        Assert.Equal("<p>Bonjour</p><p>L'équipe — https://example.test</p>", email.Html);
        // What was sent, for the content archive (EVD-1): the parts, then each included file with its text.
        Assert.Equal("Nouveautés\u001f<p>Bonjour</p>{% include 'partials/signature' %}\u001fBonjour"
            + "\u001epartials/signature.liquid\u001f<p>L'équipe — {{ SiteUrl }}</p>", email.TemplateSources);
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void Email_IncludeOutsideTheRootOrMissing_IsRefusedAtStart_AndItsVariablesAreChecked()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "sig.liquid"), "<p>{{ Fields.jobtitle }}</p>");

        var failures = Failures(s =>
        {
            s["OptinForms:Templates:owner-notification:Subject:fr"] = "Nouveau message";
            s["OptinForms:Templates:owner-notification:Html:fr"] = "{% include '../outside/secret' %}{% include 'partials/sig' %}";
            s["OptinForms:Templates:owner-notification:Text:fr"] = "{% include 'partials/nothing' %}";
        });

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:owner-notification:Html:fr: {% include '../outside/secret' %} reads", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:owner-notification:Text:fr: {% include 'partials/nothing' %} reads", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("OptinForms:Templates:owner-notification:Html:fr: {{ Fields.jobtitle }} is not a field of the form 'contact'", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void ConfirmationEmail_IncludedFileWithTheVisitorsNameOrATrackingPixel_IsRefused_NamingTheFile()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "greeting.liquid"), "<p>Bonjour {{ Fields.firstName }}</p>");
        File.WriteAllText(Path.Combine(Root, "partials", "pixel.liquid"), "<img src=\"https://t.example/p.gif\" alt=\"\">");

        var failures = Failures(s =>
        {
            s["OptinForms:Templates:double-optin:Subject"] = "Confirmez votre inscription";
            s["OptinForms:Templates:double-optin:Html"] = "{% include 'partials/greeting' %}<p>{{ ConfirmUrl }}</p>{% include 'partials/pixel' %}";
            s["OptinForms:Templates:double-optin:Text"] = "{{ ConfirmUrl }}";
        });

        Assert.Contains(failures, f => f.StartsWith("OptinForms:Rules[double-opt-in] (position 0):Then:0:Args:Template:Html: a confirmation email shows nothing "
            + "the visitor typed; 'Fields.firstName' in the included file 'partials/greeting.liquid' is not one of", StringComparison.Ordinal) && f.EndsWith("(DOI-6)", StringComparison.Ordinal));
        Assert.Contains("OptinForms:Rules[double-opt-in] (position 0):Then:0:Args:Template:Html: a confirmation email carries no images, embeds or "
            + "tracking; found '<img' in the included file 'partials/pixel.liquid' (DOI-6)", failures);
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void ConfirmationEmail_IncludedFileInALoopOverThePurposes_ReadsTheLoopVariable_AndLoads()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "purpose.liquid"), "<li>{{ p.Text }}</li>");

        Loads(s =>
        {
            s["OptinForms:Templates:double-optin:Subject"] = "Confirmez votre inscription";
            s["OptinForms:Templates:double-optin:Html"] = "<ul>{% for p in Purposes %}{% include 'partials/purpose' %}{% endfor %}</ul><p>{{ ConfirmUrl }}</p>";
            s["OptinForms:Templates:double-optin:Text"] = "{{ ConfirmUrl }}";
        });
    }

    [Fact]
    [Trait("Requirement", "DOI-6")]
    public void ConfirmationEmail_IncludeGivenNeutralValues_WithOrNamed_Loads()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "button.liquid"), "<a href=\"{{ button }}\">{{ label }}</a>");
        File.WriteAllText(Path.Combine(Root, "partials", "footer.liquid"), "<p>{{ sender }} — {{ days }}</p>");

        Loads(s =>
        {
            s["OptinForms:Templates:double-optin:Subject"] = "Confirmez votre inscription";
            s["OptinForms:Templates:double-optin:Html"] = "{% assign label = 'Confirmer' %}{% include 'partials/button' with ConfirmUrl %}"
                + "{% include 'partials/footer', sender: Controller, days: ExpiresInDays %}";
            s["OptinForms:Templates:double-optin:Text"] = "{% assign link = ConfirmUrl %}{{ link }}";
        });
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void MarketingEmail_UnsubscribeLinkInAnIncludedFooter_Loads_AndWithoutIt_IsRefused()
    {
        File.WriteAllText(Path.Combine(Root, "partials", "footer.liquid"), "<p><a href=\"{{ UnsubscribeUrl }}\">Se désinscrire</a></p>");
        File.WriteAllText(Path.Combine(Root, "partials", "plain-footer.liquid"), "<p>Atelier Dupont</p>");
        void Promo(Dictionary<string, string?> s, string footer)
        {
            s["OptinForms:Templates:promo:Marketing"] = "true";
            s["OptinForms:Templates:promo:Subject"] = "Promo";
            s["OptinForms:Templates:promo:Html"] = $"<p>-20 %</p>{{% include '{footer}' %}}";
            s["OptinForms:Templates:promo:Text"] = "-20 % : {{ UnsubscribeUrl }}";
        }

        Loads(s => Promo(s, "partials/footer"));
        var failures = Failures(s => Promo(s, "partials/plain-footer"));

        Assert.Contains("OptinForms:Templates:promo:Html: a marketing email shows a visible unsubscribe link ({{ UnsubscribeUrl }}) in every culture; '*' does not (WD-1)", failures);
    }

    public void Dispose()
    {
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }
    }
}
