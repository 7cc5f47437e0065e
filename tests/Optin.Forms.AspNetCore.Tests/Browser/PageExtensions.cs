using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Optin.Forms.AspNetCore.Tests.Browser;

internal static class PageExtensions
{
    /// <summary>
    /// Waits until the page is at <paramref name="url"/> and its heading is shown; fails after 30 s. It does not use
    /// Playwright's <c>WaitForURLAsync</c>: on a busy machine it sometimes never saw the lifecycle event it waits for
    /// (even <c>commit</c>), although the page was at the URL and loaded in 300 ms (document complete, stylesheet
    /// fetched), and the wait timed out.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!string.Equals(page.Url, url, StringComparison.Ordinal))
        {
            await Task.Delay(50, timeout.Token);
        }

        await page.Locator("main h1").WaitForAsync();
    }

    /// <summary>Runs axe on the page as it is now and fails with every violation listed (and if axe checked nothing).</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        AxeResult result = await page.RunAxe();
        var violations = string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
        Assert.True(result.Violations.Length == 0, violations);
        Assert.NotEmpty(result.Passes);
    }
}
