using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>Every field kind in Chromium, on the form page and on a landing page: filled, refused, stored; axe finds nothing.</summary>
public sealed class FieldKindsBrowserTests(FieldKindsBrowserFixture fixture) : IClassFixture<FieldKindsBrowserFixture>
{
    private async Task<IPage> NewPageAsync(string locale = "fr-FR")
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        return await context.NewPageAsync();
    }

    [ChromiumFact]
    public async Task LandingPage_EveryKindFilledAndSent_StoredAsTheSubmissionRecordsIt_AndAccessible()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/champs");
        await page.AssertAccessibleAsync();

        var topic = page.GetByRole(AriaRole.Group, new() { Name = "Votre demande (obligatoire)" });
        Assert.Equal(2, await topic.GetByRole(AriaRole.Radio).CountAsync());
        Assert.Equal(3, await page.GetByRole(AriaRole.Group, new() { Name = "Vos centres d'intérêt" }).GetByRole(AriaRole.Checkbox).CountAsync());
        Assert.Equal("1", await page.GetByLabel("Nombre de places").GetAttributeAsync("min"));
        Assert.Equal("2026-12-31", await page.GetByLabel("Date de visite").GetAttributeAsync("max"));
        Assert.Equal("", await page.GetByLabel("Produits").GetAttributeAsync("multiple"));

        var email = $"champs{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Un devis").CheckAsync();
        await page.GetByLabel("Formations").CheckAsync();
        await page.GetByLabel("Actualités").CheckAsync();
        await page.GetByLabel("Produits").SelectOptionAsync(["erp", "crm"]);
        await page.GetByLabel("Nombre de places").FillAsync("3");
        await page.GetByLabel("Date de visite").FillAsync("2026-05-04");
        await page.GetByLabel("Téléphone").FillAsync("06 12 34 56 78");
        await page.GetByLabel("Prénom").FillAsync("Marie");
        await page.GetByLabel("Votre message").FillAsync("Deux lignes\net un accent é");
        await page.GetByLabel("Taille de l'entreprise").SelectOptionAsync("large");
        await page.GetByLabel("Je suis un professionnel").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/merci");

        var contact = (await fixture.App.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        var submission = Assert.Single(await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal("quote", submission.Values["topic"]);
        Assert.Equal("news\ntraining", submission.Values["interests"]);
        Assert.Equal("crm\nerp", submission.Values["products"]);
        Assert.Equal("3", submission.Values["seats"]);
        Assert.Equal("2026-05-04", submission.Values["visit"]);
        Assert.Equal("+33612345678", submission.Values["phone"]);
        Assert.Equal("Marie", submission.Values["firstName"]);
        Assert.Equal("large", submission.Values["size"]);
        Assert.Equal("true", submission.Values["pro"]);
        Assert.Equal("salon-2026", submission.Values["campaign"]);
        Assert.Empty(submission.ConsentsGiven);
    }

    /// <summary>The form of the fixture has one field of every kind, so that the pages below render each of them.</summary>
    [Fact]
    public void Fixture_HoldsAFieldOfEveryKind()
    {
        var kinds = FieldKindsBrowserFixture.Settings.Where(s => s.Key.StartsWith("OptinForms:Forms:kinds:Fields:", StringComparison.Ordinal)
            && s.Key.EndsWith(":Kind", StringComparison.Ordinal)).Select(s => Enum.Parse<Schema.FieldKind>(s.Value!)).ToHashSet();

        Assert.Equal(Enum.GetValues<Schema.FieldKind>().Order(), kinds.Order());
    }

    private static readonly string[] FieldNames =
        ["email", "topic", "interests", "products", "seats", "visit", "phone", "firstName", "message", "size", "pro", "campaign"];

    [ChromiumFact]
    public async Task FullPage_EveryKind_AsTheOwnerWroteIt_WithTheFormConsentAssetsAndHeaders_AndAccessible()
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync(fixture.BaseUrl + "/champs-page");

        Assert.NotNull(response);
        Assert.StartsWith("default-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers["x-frame-options"]);
        // The owner's page, not the default layout around it, with the included banner.
        Assert.Equal("owner-page", await page.Locator("html").GetAttributeAsync("class"));
        Assert.Equal("Atelier Exemple", await page.Locator("header.owner-banner").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".optin-header, main.optin-page, .optin-footer").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        // {{ assets }}: the stylesheet, from this site, loaded under the CSP.
        Assert.Equal("/optin/assets/optin.css", await page.Locator("head link[rel=stylesheet]").GetAttributeAsync("href"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.styleSheets.length === 1 && document.styleSheets[0].cssRules.length > 0"));
        foreach (var name in FieldNames)
        {
            Assert.True(await page.Locator($"form.optin-form [name=\"{name}\"]").CountAsync() > 0, name);
        }

        Assert.Equal(1, await page.Locator("form.optin-form input[type=checkbox][name=\"consent.newsletter\"]").CountAsync());
        await page.AssertAccessibleAsync();

        var email = $"page{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Une information").CheckAsync();
        await page.GetByLabel("Prénom").FillAsync("Jean");
        await page.GetByLabel("Taille de l'entreprise").SelectOptionAsync("small");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/merci");

        var contact = (await fixture.App.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single(c => c.Email == email);
        var submission = Assert.Single(await fixture.App.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal("info", submission.Values["topic"]);
        Assert.Equal("small", submission.Values["size"]);
        Assert.Equal("salon-2026", submission.Values["campaign"]);
    }

    [ChromiumFact]
    public async Task FullPage_InvalidValues_ShownAgainWithEachFieldsOwnMessage_AndAccessible()
    {
        var page = await NewPageAsync("en-GB");
        await page.GotoAsync(fixture.BaseUrl + "/champs-page");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Email address").FillAsync("page-errors@exemple.fr");
        await page.GetByLabel("First name").FillAsync("Jean");
        await page.GetByLabel("Seats").FillAsync("0");
        // What a browser would not send: a name past MaxLength, an option the form does not declare. The server is the judge.
        await page.EvaluateAsync("""
            () => {
                const form = document.querySelector('form.optin-form');
                form.noValidate = true;
                form.elements['firstName'].value = 'J'.repeat(30);
                const size = form.elements['size'];
                size.add(new Option('Huge', 'huge'));
                size.value = 'huge';
            }
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.Locator(".optin-error-summary").WaitForAsync();

        foreach (var field in new[] { "topic", "firstName", "size", "seats" })
        {
            Assert.NotEqual("", (await page.Locator($"#optin-kinds-{field}-error").InnerTextAsync()).Trim());
        }

        Assert.Equal("Enter a number between 1 and 10.", await page.Locator("#optin-kinds-seats-error").InnerTextAsync());
        Assert.Equal(4, await page.Locator(".optin-error-summary li").CountAsync());
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task FormPage_ValuesOutOfBoundsOrTooManyChoices_ShownAgainWithEachFieldsOwnMessage_AndAccessible()
    {
        var page = await NewPageAsync("en-GB");
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/kinds");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Email address").FillAsync("kinds@exemple.fr");
        await page.GetByLabel("Some information").CheckAsync();
        foreach (var label in new[] { "News", "Events", "Training" })
        {
            await page.GetByLabel(label, new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Seats").FillAsync("11");
        await page.GetByLabel("Visit date").FillAsync("2025-12-31");
        await page.GetByLabel("Telephone").FillAsync("12 34");
        // The browser would stop the post on min and max; the server is the judge.
        await page.EvaluateAsync("() => document.querySelector('form.optin-form').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.Locator(".optin-error-summary").WaitForAsync();

        Assert.Equal("Choose at most 2 options.", await page.Locator("#optin-kinds-interests-error").InnerTextAsync());
        Assert.Equal("Enter a number between 1 and 10.", await page.Locator("#optin-kinds-seats-error").InnerTextAsync());
        Assert.Equal("Choose a date between 1 January 2026 and 31 December 2026.", await page.Locator("#optin-kinds-visit-error").InnerTextAsync());
        Assert.Equal("Enter a valid telephone number.", await page.Locator("#optin-kinds-phone-error").InnerTextAsync());
        Assert.Equal("interests", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        Assert.Equal("optin-kinds-interests-error", await page.GetByLabel("Events").GetAttributeAsync("aria-describedby"));
        // What was chosen comes back, every box of the group included, so that the visitor only corrects.
        Assert.True(await page.GetByLabel("Training").IsCheckedAsync());
        Assert.True(await page.GetByLabel("Some information").IsCheckedAsync());
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task FormPage_InFrench_NamesTheBoundsInFrench()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/kinds");
        await page.GetByLabel("Adresse e-mail").FillAsync("kinds@exemple.fr");
        await page.GetByLabel("Un devis").CheckAsync();
        await page.GetByLabel("Nombre de places").FillAsync("0.5");
        await page.GetByLabel("Date de visite").FillAsync("2027-01-01");
        await page.EvaluateAsync("() => document.querySelector('form.optin-form').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.Locator(".optin-error-summary").WaitForAsync();

        Assert.Equal("Saisissez un nombre entre 1 et 10.", await page.Locator("#optin-kinds-seats-error").InnerTextAsync());
        Assert.Equal("Choisissez une date entre le 1 janvier 2026 et le 31 décembre 2026.", await page.Locator("#optin-kinds-visit-error").InnerTextAsync());
        await page.AssertAccessibleAsync();
    }
}
