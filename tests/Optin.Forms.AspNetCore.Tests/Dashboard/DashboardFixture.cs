using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Browser;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>
/// The sample with its back office user set (<c>Sample:Dashboard:*</c>), on Kestrel and in Chromium. Each dashboard test
/// class that drives the browser uses it: <see cref="SignedInPageAsync"/> gives a page whose context signed in through
/// the sample's real login form.
/// </summary>
public sealed class DashboardFixture : BrowserFixture
{
    public const string UserName = "dpo@stand.example";
    public const string Password = "correct horse battery staple";

    protected override (string Key, string? Value)[] ExtraSettings =>
    [
        ("Sample:Dashboard:UserName", UserName),
        ("Sample:Dashboard:Password", Password),
        ("Sample:AdminApiKey", AdminKey),
    ];

    /// <summary>The admin API key of this host (tests that arrange data over the admin API use it).</summary>
    public string AdminKey { get; } = "test-key-" + Guid.NewGuid().ToString("N");

    /// <summary>The dashboard's root URL.</summary>
    public string Dashboard => BaseUrl + "/optin/dashboard";

    /// <summary>A new browser context (own cookies) signed in through <c>/account/login</c>, at the dashboard's overview.</summary>
    public async Task<IPage> SignedInPageAsync(string culture = "en")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = culture });
        // A back office page runs the store's aggregates and axe runs over it: on a 2-core machine running the other test
        // projects at the same time, Playwright's default 30 s per step was seen running out. Still bounded.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.GetByLabel("User name").FillAsync(UserName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync(Dashboard);
        return page;
    }

}
