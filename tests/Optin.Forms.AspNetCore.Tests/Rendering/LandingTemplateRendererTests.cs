using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Tests.Rendering;

public sealed class LandingTemplateRendererTests
{
    private static async Task<string> RenderAsync(string template, string title = "Salon")
    {
        using var app = new OptinWebFactory();
        var page = app.Services.GetRequiredService<IFormCatalogProvider>().Current.LandingPages["salon"] with
        {
            TemplateHtml = LocalizedText.From([new("fr", template)]),
        };
        var renderer = new LandingTemplateRenderer(NullLogger<LandingTemplateRenderer>.Instance);
        return await renderer.RenderAsync(page, "fr", "fr", title, "<form>FORM</form>");
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task Render_EncodesValues_ButInsertsTheFormAsMarkup()
    {
        var html = await RenderAsync("<h2>{{ title }}</h2>{{ form }}", "<script>x</script> & co");

        Assert.Equal("<h2>&lt;script&gt;x&lt;/script&gt; &amp; co</h2><form>FORM</form>", html);
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task Render_RunawayTemplate_FailsSafelyToTheFormAlone()
    {
        var steps = await RenderAsync("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}{{ form }}");
        var hugeRange = await RenderAsync("{% for i in (1..10000000) %}x{% endfor %}{{ form }}");

        Assert.Equal("<form>FORM</form>", steps);
        Assert.Equal("<form>FORM</form>", hugeRange);
    }

    [Fact]
    public async Task Render_TemplateWithoutTheForm_StillShowsTheForm()
    {
        var html = await RenderAsync("<p>Bienvenue</p>");

        Assert.Equal("<p>Bienvenue</p><form>FORM</form>", html);
    }

    [Fact]
    public async Task Render_UnparsableTemplate_ShowsTheFormAlone()
    {
        var html = await RenderAsync("{% if %}");

        Assert.Equal("<form>FORM</form>", html);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task LandingPage_TemplateGroupedByCulture_ServedAsOptinCheckReadsIt()
    {
        using var app = new OptinWebFactory(("OptinForms:Templates:salon:fr:Html", "<p class=\"grouped\">Culture d'abord</p>{{ form }}"),
            ("OptinForms:LandingPages:salon:Variants:b:Weight", "0")); // the sample's variant b (its own template) paused

        var html = await app.Client().GetStringAsync("/salon?culture=fr");

        Assert.Contains("<p class=\"grouped\">Culture d'abord</p>", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"optin-form\"", html, StringComparison.Ordinal);
    }
}
