using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// Conditional fields in Chromium: with JavaScript a field appears when its value is chosen and goes when it is not (and
/// what it held is not sent); without, every field is shown with its condition in its label. axe finds nothing either way.
/// </summary>
public sealed class ConditionsBrowserTests(ConditionsBrowserFixture fixture) : IClassFixture<ConditionsBrowserFixture>
{
    private async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", JavaScriptEnabled = javaScript });
        return await context.NewPageAsync();
    }

    [ChromiumFact]
    public async Task FormPage_ValueChosen_FieldAppearsWithoutItsConditionText_AndGoesAgain_AndWhatItHeldIsNotSent()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/devis");
        var budget = page.Locator("#optin-devis-budget");
        var session = page.Locator("#optin-devis-session");
        await Assertions.Expect(budget).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#optin-devis-company")).ToBeHiddenAsync();
        await Assertions.Expect(session).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Un devis", Exact = true }).CheckAsync();
        await Assertions.Expect(budget).ToBeVisibleAsync();
        // Shown by the script, the field no longer states its condition: its name is the label alone.
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Budget en euros (obligatoire)", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Événements", Exact = true }).CheckAsync();
        await Assertions.Expect(session).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Je suis un professionnel", Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator("#optin-devis-company")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var controls = await page.GetByRole(AriaRole.Radio, new() { Name = "Un devis", Exact = true }).GetAttributeAsync("aria-controls");
        Assert.False(string.IsNullOrEmpty(controls));

        await budget.FillAsync("1500");
        await page.GetByLabel("Société").FillAsync("Atelier Dupont");
        await session.SelectOptionAsync("autumn");
        // Changing one's mind: the budget goes, and the required field no longer stops the post.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Une information", Exact = true }).CheckAsync();
        await Assertions.Expect(budget).ToBeHiddenAsync();
        var email = $"cond{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/merci");

        var contact = (await fixture.App.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        var submission = Assert.Single(await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal("info", submission.Values["topic"]);
        Assert.Equal("Atelier Dupont", submission.Values["company"]);
        Assert.Equal("autumn", submission.Values["session"]);
        Assert.False(submission.Values.ContainsKey("budget"));
    }

    [ChromiumFact]
    public async Task FormPage_WithoutJavaScript_EveryFieldShownWithItsConditionInItsLabel_AndTheServerJudges()
    {
        var page = await NewPageAsync(javaScript: false);
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/devis");

        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Budget en euros (obligatoire) Seulement si « Votre demande » est « Un devis »", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Société Seulement si « Je suis un professionnel » est coché", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Session (obligatoire) Seulement si « Vos centres d'intérêt » comprend « Événements »", Exact = true })).ToBeVisibleAsync();
        await NoScriptAxe.AssertAccessibleAsync(fixture.Browser, page);

        // The required budget does not stop a post whose topic is not a quote; what was typed in it is dropped.
        var email = $"nojs{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Une information", Exact = true }).CheckAsync();
        await page.GetByLabel("Société").FillAsync("Atelier Dupont");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/merci");

        var contact = (await fixture.App.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        var submission = Assert.Single(await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal(["email", "topic"], submission.Values.Keys.Order(StringComparer.Ordinal));
    }
}
