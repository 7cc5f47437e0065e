using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>The back office's shell: its mapping, its guard, its sign-in in the sample, its languages and its antiforgery.</summary>
public sealed class DashboardShellTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Anonymous_IsSentToTheLogin_AndSeesNoPersonalData()
    {
        await using var app = new OptinWebFactory(("Sample:Dashboard:UserName", "dpo"), ("Sample:Dashboard:Password", "secret"));
        var response = await app.Client().GetAsync(new Uri("/optin/dashboard/contacts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2Foptin%2Fdashboard%2Fcontacts", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("@", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task AdminApi_Anonymous_StillAnswers401_NotTheLoginRedirect()
    {
        await using var app = new OptinWebFactory(("Sample:AdminApiKey", "k"));
        var response = await app.Client().GetAsync(new Uri($"/optin/admin/contacts/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task AdminApi_UnderAnotherPathPrefix_StillAnswers401_NotTheLoginRedirect()
    {
        await using var app = new OptinWebFactory(("Sample:AdminApiKey", "k"), ("OptinForms:PathPrefix", "/consent"));
        var response = await app.Client().GetAsync(new Uri($"/consent/admin/contacts/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithNoUserConfigured_NobodySignsIn()
    {
        await using var app = new OptinWebFactory();
        await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardSession.SignInAsync(app));

        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/optin/dashboard", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void MapOptinDashboard_WithoutAPolicy_RefusesToStart()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddOptinForms(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Purposes:news:Texts:fr:Consent"] = "J'accepte",
            ["Purposes:news:Texts:fr:Purpose"] = "Lettre",
        }).Build()).UseAspNetCore();
        using var app = builder.Build();

        var e = Assert.Throws<InvalidOperationException>(() => app.MapOptinDashboard());
        Assert.Contains("OptinForms:Admin:AuthorizationPolicy", e.Message, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task SignedIn_OverviewOpens_InEnglishAndFrench_WithNoAxeViolation()
    {
        var page = await fixture.SignedInPageAsync();
        Assert.Equal("Overview", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal("page", await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).GetAttributeAsync("aria-current"));
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await page.Locator("html[lang='fr']").WaitForAsync();
        Assert.Equal("Vue d'ensemble", await page.Locator("main h1").InnerTextAsync());
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task WrongPassword_IsRefused()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/login");
        await page.GetByLabel("User name").FillAsync(DashboardFixture.UserName);
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        Assert.EndsWith("/account/login", page.Url, StringComparison.Ordinal);
        var response = await page.GotoAsync(fixture.Dashboard);
        Assert.StartsWith(fixture.BaseUrl + "/account/login", page.Url, StringComparison.Ordinal);
        Assert.NotNull(response);
    }
}

/// <summary>The shell over HTTP: antiforgery on every POST, the actor from the sign-in.</summary>
public sealed class DashboardShellHttpTests
{
    [Fact]
    [Trait("Requirement", "SEC-1")]
    public async Task Post_WithoutAntiforgery_IsRefusedWith400()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var session = await DashboardSession.SignInAsync(app);

        var response = await session.Client.PostAsync(new Uri("/optin/dashboard/suppression", UriKind.Relative),
            new FormUrlEncodedContent([new("email", "someone@example.com")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignedIn_PageNamesTheUser_AndSendsTheStrictHeaders()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var session = await DashboardSession.SignInAsync(app);

        var response = await session.OpenAsync("/optin/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DashboardSession.UserName, session.Html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", session.Html, StringComparison.Ordinal);
    }
}
