using Microsoft.Playwright;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// axe for a page seen with JavaScript off. axe runs as a script in the page, which a context with JavaScript off
/// never runs (Playwright's evaluate then waits forever). So the page exactly as the no-JavaScript browser holds it is
/// served again, at its own address, to a context with JavaScript on in which every script file of the site is refused:
/// the markup a visitor without JavaScript gets (only the content of noscript elements is not laid out there).
/// </summary>
internal static class NoScriptAxe
{
    public static async Task AssertAccessibleAsync(IBrowser browser, IPage noScriptPage)
    {
        var html = await noScriptPage.ContentAsync();
        var context = await browser.NewContextAsync();
        try
        {
            await context.RouteAsync("**/*.js", route => route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.RouteAsync(noScriptPage.Url, route => route.FulfillAsync(new() { Body = html, ContentType = "text/html; charset=utf-8" }));
            await page.GotoAsync(noScriptPage.Url);
            await page.AssertAccessibleAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
