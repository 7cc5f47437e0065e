using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>AutoSubmit: a browser that runs scripts confirms on opening the link; a scanner that fetches it does not.</summary>
public sealed class AutoSubmitTests(AutoSubmitBrowserFixture fixture) : IClassFixture<AutoSubmitBrowserFixture>
{
    [ChromiumFact]
    [Trait("Requirement", "DOI-2")]
    public async Task ConfirmLink_InABrowser_ConfirmsOnce_ButAScannerFetchChangesNothing()
    {
        var token = fixture.App.DoubleOptin.Issue(TokenKind.Confirm);
        using (var scanner = new HttpClient())
        {
            var fetched = await scanner.GetStringAsync(fixture.BaseUrl + "/optin/confirm/" + token);
            Assert.Contains("data-optin-autosubmit", fetched);
        }

        Assert.Equal(0, fixture.App.DoubleOptin.Count("Confirm"));

        var context = await fixture.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/optin/confirm/" + token);
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci-confirmation");

        Assert.Equal(1, fixture.App.DoubleOptin.Count("Confirm"));
        await page.AssertAccessibleAsync();
    }
}
