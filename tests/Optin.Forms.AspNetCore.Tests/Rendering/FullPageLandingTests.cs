using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Rendering;

/// <summary>
/// A landing page written as a full page (<c>Layout: None</c>) is served as the owner wrote it, with the form, its
/// consent box, the assets and the security headers; <c>{% include %}</c> reads from the template root (CFG-2).
/// </summary>
public sealed class FullPageLandingTests : IDisposable
{
    private const string FullPage = "<!DOCTYPE html>\n<html lang=\"{{ culture }}\" data-owner=\"yes\"><head><meta charset=\"utf-8\"><title>{{ title }}</title>{{ assets }}</head>"
        + "<body>{% include 'partials/banner' %}<main>{{ form }}</main></body></html>";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "optin-fullpage-" + Guid.NewGuid().ToString("N"));

    public FullPageLandingTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "partials"));
        File.WriteAllText(Path.Combine(_root, "partials", "banner.liquid"), "<header class=\"owner-banner\">{{ title }} — {{ path }}</header>");
    }

    private OptinWebFactory App(string html, string? layout = "None") => new(
    [
        ("OptinForms:TemplateRoot", _root),
        ("OptinForms:Templates:salon:fr:Html", html),
        ("OptinForms:Templates:salon:en:Html", html),
        ("OptinForms:Templates:salon-b:fr:Html", html), // the sample's variant b has its own template, a full page too
        ("OptinForms:Templates:salon-b:en:Html", html),
        .. layout is null ? Array.Empty<(string, string?)>() : [("OptinForms:LandingPages:salon:Layout", layout)],
    ]);

    [Fact]
    [Trait("Requirement", "SEC-9")]
    public async Task FullPage_IsServedAsWritten_WithTheFormItsConsentTheAssetsAndTheSecurityHeaders()
    {
        using var app = App(FullPage);

        var response = await app.Client().GetAsync("/salon?culture=fr");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\" data-owner=\"yes\"><head><meta charset=\"utf-8\"><title>Merci de votre visite sur notre stand</title>"
            + "<link rel=\"stylesheet\" href=\"/optin/assets/optin.css\">\n</head><body><header class=\"owner-banner\">Merci de votre visite sur notre stand — /salon</header><main><form class=\"optin-form\"",
            html, StringComparison.Ordinal);
        Assert.EndsWith("</form>\n</main></body></html>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<!DOCTYPE", StringSplitOptions.None)[1..]);
        Assert.Contains("name=\"consent.newsletter\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("optin-footer", html, StringComparison.Ordinal);
        Assert.Equal(Http.SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public async Task DefaultLayout_IncludesAFileUnderTheRoot_AndItsAssetsPrintNothing()
    {
        using var app = App("{% include 'partials/banner' %}<p class=\"assets\">{{ assets }}</p>{{ form }}", layout: null);

        var html = await app.Client().GetStringAsync("/salon?culture=fr");

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<main class=\"optin-page\" id=\"main\">\n<h1>Merci de votre visite sur notre stand</h1>\n"
            + "<header class=\"owner-banner\">Merci de votre visite sur notre stand — /salon</header><p class=\"assets\"></p><form class=\"optin-form\"",
            html, StringComparison.Ordinal);
        Assert.Single(html.Split("optin.css", StringSplitOptions.None)[1..]);
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task FullPage_ThatDoesNotFinish_ShowsTheFormAloneInTheDefaultLayout()
    {
        using var app = App(FullPage.Replace("<main>", "<main>{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}", StringComparison.Ordinal));

        var html = await app.Client().GetStringAsync("/salon?culture=fr");

        Assert.DoesNotContain("data-owner", html, StringComparison.Ordinal);
        Assert.Contains("<main class=\"optin-page\" id=\"main\">\n<h1>Merci de votre visite sur notre stand</h1>\n<form class=\"optin-form\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"consent.newsletter\"", html, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
