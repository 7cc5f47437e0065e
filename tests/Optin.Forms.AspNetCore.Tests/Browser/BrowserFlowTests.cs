using Microsoft.Playwright;
using Optin.Forms.Contacts;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>A visitor in Chromium: fills the landing page, confirms, unsubscribes; axe finds no violation on any page.</summary>
public sealed class BrowserFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale ?? "fr-FR" });
        return await context.NewPageAsync();
    }

    [ChromiumFact]
    [Trait("Requirement", "CONS-1")]
    public async Task LandingPage_FillAndSubmit_ThenConfirmAndUnsubscribe_AllAccessible()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/salon");
        await page.AssertAccessibleAsync();
        Assert.False(await page.IsCheckedAsync("input[name='consent.newsletter']"));

        var email = $"visiteur{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Prénom").FillAsync("Camille");
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci");

        var contact = await fixture.App.Store.Contacts.FindByEmailKeyAsync(email, default)
            ?? (await fixture.App.Store.Contacts.QueryAsync(new ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));

        // The engine's job runner sends the confirmation email; the visitor opens the link it carries.
        var confirmation = Assert.Single(await fixture.App.WaitForEmailsAsync(email, 1));
        await page.GotoAsync(Link(confirmation, "confirm"));
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci-confirmation");
        contact = (await fixture.App.Store.Contacts.FindAsync(contact.Id, default))!;
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));

        var welcome = Assert.Single(await fixture.App.WaitForEmailsAsync(email, 2), m => m.MessageId != confirmation.MessageId);
        await page.GotoAsync(Link(welcome, "unsubscribe"));
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Me désinscrire" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vous êtes désinscrit" }).WaitForAsync();
        contact = (await fixture.App.Store.Contacts.FindAsync(contact.Id, default))!;
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    [Trait("Requirement", "PROC-1")]
    public async Task QuoteRequestPage_ShowsItsProcessingNoticeBesideTheFields_AndStaysAccessible()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/contact");

        var notice = page.GetByRole(AriaRole.Region, new() { Name = "Utilisation de vos données" });
        Assert.True(await notice.IsVisibleAsync());
        Assert.Contains("Répondre à votre demande de contact ou de devis.", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("fieldset.optin-consents section.optin-processing").CountAsync());
        await page.AssertAccessibleAsync();
    }

    private string Link(MimeKit.MimeMessage message, string kind)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty,
            System.Text.RegularExpressions.Regex.Escape(fixture.BaseUrl) + "/optin/" + kind + @"/[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"no {kind} link in the email");
        return match.Value;
    }

    [ChromiumFact]
    public async Task FormPage_WithErrors_FocusesTheFirstInvalidField_AndStaysAccessible()
    {
        var page = await NewPageAsync("en-GB");
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/newsletter");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Email address").FillAsync("not-an-address@");
        await page.EvaluateAsync("() => document.querySelector('form.optin-form').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.Locator(".optin-error-summary").WaitForAsync();

        Assert.Equal("email", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        Assert.Equal("optin-newsletter-email-error", await page.GetAttributeAsync("#optin-newsletter-email", "aria-describedby"));
        await page.AssertAccessibleAsync();
    }
}
