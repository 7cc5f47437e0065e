using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// The sample's <c>/atelier</c> page in Chromium: a visitor walks the three steps, goes back and forward (plain submit
/// buttons), picks a workshop in the radio group, ticks the consent on the last step, whose challenge the local script
/// solves; the submission is stored once; every page passes axe. With JavaScript off, back and next work the same.
/// </summary>
[Trait("Feature", "Steps")]
public sealed class StepsBrowserTests(StepsBrowserFixture fixture) : IClassFixture<StepsBrowserFixture>
{

    private async Task<Contact?> StoredAsync(string email) =>
        (await fixture.App.Store.Contacts.QueryAsync(new ContactQuery(), default).ToListAsync()).SingleOrDefault(c => c.Email == email);

    private static ILocator Heading(IPage page, string text) => page.Locator("h3.optin-step-title", new() { HasText = text });

    [ChromiumFact]
    public async Task Atelier_WalkedThroughTheSteps_WithBack_AndTheChallengeSolvedByItsScript_IsStoredOnce_AndAccessible()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var email = $"atelier{Guid.NewGuid():N}@exemple.fr";
        await page.GotoAsync(fixture.BaseUrl + "/atelier");
        await Heading(page, "Étape 1 sur 3 : Vous").WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Prénom").FillAsync("Jeanne");
        await page.GetByLabel("Prénom").PressAsync("Enter"); // Enter goes forward: "Suivant" is the first button

        // Step 2: the radio group.
        await Heading(page, "Étape 2 sur 3 : Votre atelier").WaitForAsync();
        await page.AssertAccessibleAsync();
        // The conditional question (own tools) appears for woodwork only, through the local script.
        var tools = page.GetByRole(AriaRole.Group, new() { Name = "Viendrez-vous avec vos propres outils ?" });
        Assert.False(await tools.IsVisibleAsync());
        await page.GetByLabel("Ébénisterie").CheckAsync();
        await tools.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Tissage").CheckAsync();
        await tools.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.GetByLabel("Une précision ? (facultatif)").FillAsync("Deux places ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();

        // Step 3: consents and challenge. Back, before the challenge is even needed, then forward again.
        await Heading(page, "Étape 3 sur 3 : Vos choix").WaitForAsync();
        await page.GetByText("Vérification anti-robot terminée.").WaitForAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Précédent" }).ClickAsync();
        await Heading(page, "Étape 2 sur 3").WaitForAsync();
        Assert.True(await page.GetByLabel("Tissage").IsCheckedAsync());
        Assert.Equal("Deux places ?", await page.GetByLabel("Une précision ? (facultatif)").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Précédent" }).ClickAsync();
        await Heading(page, "Étape 1 sur 3").WaitForAsync();
        Assert.Equal(email, await page.GetByLabel("Adresse e-mail").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Heading(page, "Étape 2 sur 3").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
        await Heading(page, "Étape 3 sur 3").WaitForAsync();
        Assert.Null(await StoredAsync(email));

        Assert.False(await page.GetByLabel(Some.ConsentFr).IsCheckedAsync());
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci");

        var contact = await StoredAsync(email);
        Assert.NotNull(contact);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        var submission = await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).SingleAsync();
        Assert.Equal("weaving", submission.Values["workshop"]);
        Assert.Equal("Jeanne", submission.Values["firstName"]);
        Assert.Equal("Deux places ?", submission.Values["message"]);
        await context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Atelier_WithJavaScriptOff_BackAndNextWork_AndTheLastStepSaysJavaScriptIsNeeded()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var email = $"nojs{Guid.NewGuid():N}@example.com";
        await page.GotoAsync(fixture.BaseUrl + "/atelier?culture=en");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("First name").FillAsync("Jane");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Heading(page, "Step 2 of 3: Your workshop").WaitForAsync();
        await page.GetByLabel("Woodwork").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Heading(page, "Step 1 of 3").WaitForAsync();
        Assert.Equal("Jane", await page.GetByLabel("First name").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Heading(page, "Step 2 of 3").WaitForAsync();
        Assert.True(await page.GetByLabel("Woodwork").IsCheckedAsync());
        // Without JavaScript the conditional question is shown with its condition stated, and the server asks for it.
        Assert.True(await page.GetByText("Only if", new() { Exact = false }).First.IsVisibleAsync());
        await page.GetByRole(AriaRole.Radio, new() { Name = "Yes" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Heading(page, "Step 3 of 3: Your choices").WaitForAsync();
        await NoScriptAxe.AssertAccessibleAsync(fixture.Browser, page);

        await page.GetByLabel(Some.ConsentEn).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GetByText("The form was not sent: its anti-robot check needs JavaScript.").WaitForAsync();
        await Heading(page, "Step 3 of 3").WaitForAsync();
        Assert.Null(await StoredAsync(email));
        await context.CloseAsync();
    }
}
