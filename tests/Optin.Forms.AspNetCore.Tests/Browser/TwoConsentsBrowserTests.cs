using Microsoft.Playwright;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>#18: two consents ticked, one email, one confirmation page naming both purposes, one click.</summary>
public sealed class TwoConsentsBrowserTests(TwoConsentsBrowserFixture fixture) : IClassFixture<TwoConsentsBrowserFixture>
{
    [ChromiumFact]
    [Trait("Requirement", "DOI-2")]
    [Trait("Requirement", "DOI-3")]
    public async Task LandingPage_TwoConsents_OneEmailAndOnePageConfirmBoth_Accessible()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/salon");
        var email = $"visiteur{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByLabel(TwoConsentsBrowserFixture.CohostConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci");

        var confirmation = Assert.Single(await fixture.App.WaitForEmailsAsync(email, 1));
        Assert.Contains(TwoConsentsBrowserFixture.CohostConsentFr, confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains(Some.ConsentFr, confirmation.TextBody, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody ?? string.Empty,
            System.Text.RegularExpressions.Regex.Escape(fixture.BaseUrl) + @"/optin/confirm/[A-Za-z0-9_\-]+").Value;
        await page.GotoAsync(link);

        var items = page.Locator("ul.optin-confirm-purposes > li");
        Assert.Equal(2, await items.CountAsync());
        Assert.Contains(Some.ConsentFr, await items.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(TwoConsentsBrowserFixture.CohostConsentFr, await items.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(TwoConsentsBrowserFixture.CohostPurposeFr, await items.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("nos messages", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci-confirmation");
        var contact = (await fixture.App.Store.Contacts.QueryAsync(new ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));
        Assert.Equal(OptinState.OptedIn, contact.GetState("webinar-cohost"));
        var confirmed = (await fixture.App.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync()).Where(e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Equal(["newsletter", "webinar-cohost"], confirmed.Select(e => e.PurposeId));
        Assert.Single(fixture.App.EmailsTo(email), m => m.Subject == confirmation.Subject);
    }
}
