using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>#20: a person in Chromium opens the preference page from the welcome email, withdraws and objects; axe finds nothing.</summary>
public sealed class PreferencePageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{

    [ChromiumFact]
    [Trait("Requirement", "WD-4")]
    [Trait("Requirement", "WD-6")]
    public async Task PreferencePage_WithdrawThenObject_InFrenchAndEnglish_AllAccessible()
    {
        var email = $"camille{Guid.NewGuid():N}@exemple.fr";
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // A CSP refusal (an inline style or script, a resource from elsewhere) shows here; a missing favicon does not count.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/newsletter");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        var confirmation = Assert.Single(await fixture.App.WaitForEmailsAsync(email, 1));
        await page.GotoAsync(Link(confirmation, "confirm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci-confirmation");
        var welcome = Assert.Single(await fixture.App.WaitForEmailsAsync(email, 2), m => m.MessageId != confirmation.MessageId);
        var preferences = Link(welcome, "preferences");

        await page.GotoAsync(preferences);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vos préférences" }).WaitForAsync();
        Assert.Contains(Some.ConsentFr, await page.Locator("li[data-purpose='newsletter']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("c•••@exemple.fr", await page.Locator(".optin-preferences-address").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.GotoAsync(preferences + "?culture=en");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your preferences" }).WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw this consent" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal(0, await page.Locator("li[data-purpose='newsletter']").CountAsync());
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "I object to direct marketing" }).ClickAsync();
        await page.Locator(".optin-preferences-objected").WaitForAsync();
        await page.AssertAccessibleAsync();

        var contact = (await fixture.App.Store.Contacts.FindByEmailKeyAsync(email, default))!;
        Assert.True(contact.ObjectedToMarketing);
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        var ledger = await fixture.App.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync();
        Assert.Single(ledger, e => e.Kind == ConsentEventKind.Withdrawn && e.Reason == "preference-page");
        Assert.Contains(ledger, e => e.Kind == ConsentEventKind.Objected && e.Reason == "objection" && e.UserAgent is not null);
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private string Link(MimeKit.MimeMessage message, string kind)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty,
            System.Text.RegularExpressions.Regex.Escape(fixture.BaseUrl) + "/optin/" + kind + @"/[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"no {kind} link in the email");
        return match.Value;
    }
}
