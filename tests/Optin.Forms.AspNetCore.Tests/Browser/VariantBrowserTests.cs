using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>#19: a landing page variant in Chromium: its own headline, accessible, and its post records the variant.</summary>
public sealed class VariantBrowserTests(VariantBrowserFixture fixture) : IClassFixture<VariantBrowserFixture>
{
    [ChromiumFact]
    public async Task SalonVariantB_IsAccessible_AndThePostRecordsTheVariantAndSource()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/salon?utm_source=newsletter-partenaire&utm_campaign=salon-2026");

        Assert.Contains("Nos nouveautés du Salon", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        var email = $"visiteur{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci");

        var contact = (await fixture.App.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        var submission = await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).SingleAsync();
        Assert.Equal("salon", submission.Attribution?.LandingPage);
        Assert.Equal("b", submission.Attribution?.Variant);
        Assert.Equal("newsletter-partenaire", submission.Attribution?.UtmSource);
        Assert.Equal("salon-2026", submission.Attribution?.UtmCampaign);
    }
}
