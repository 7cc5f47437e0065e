using System.Text;
using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Browser;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>The entries, import and bulk pages in Chromium, in English and French: axe finds nothing, the steps work by keyboard-reachable controls.</summary>
public sealed class DataPagesBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [ChromiumFact]
    public async Task EntriesImportAndBulk_OpenInEnglishAndFrench_WithNoAxeViolation()
    {
        var page = await fixture.SignedInPageAsync();
        foreach (var (culture, entries, import, bulk) in new[] { ("en", "Entries", "Import", "Bulk changes"), ("fr", "Saisies", "Import", "Modifications en masse") })
        {
            await page.GotoAsync(fixture.Dashboard + "/entries?culture=" + culture);
            Assert.Equal(entries, await page.Locator("main h1").InnerTextAsync());
            await page.AssertAccessibleAsync();

            await page.GotoAsync(fixture.Dashboard + "/import");
            Assert.Equal(import, await page.Locator("main h1").InnerTextAsync());
            await page.AssertAccessibleAsync();

            await page.GotoAsync(fixture.Dashboard + "/bulk");
            Assert.Equal(bulk, await page.Locator("main h1").InnerTextAsync());
            await page.AssertAccessibleAsync();
        }
    }

    [ChromiumFact]
    public async Task ImportPreviewAndBulkConfirmation_HaveNoAxeViolation()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Dashboard + "/import?culture=en");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "salon.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("email,firstName\r\nnavigateur@exemple.fr,Zoé\r\npas-une-adresse,X\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();
        await page.Locator("#invalid-rows").WaitForAsync();
        Assert.Equal("1", await page.Locator("#count-imported").InnerTextAsync());
        await page.AssertAccessibleAsync();

        await page.GotoAsync(fixture.Dashboard + "/bulk?culture=fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compter (essai à blanc)" }).ClickAsync();
        await page.Locator(".dash-error, .dash-confirm").First.WaitForAsync();
        await page.AssertAccessibleAsync();
    }
}
