using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// <c>Abuse:Challenge</c> in Chromium: the local script solves the challenge with Web Crypto and the post is accepted;
/// a replayed, expired or forged solution, or none (JavaScript off), is refused with a plain message and nothing
/// stored; every page passes axe.
/// </summary>
[Trait("Feature", "Challenge")]
public sealed class ChallengeBrowserTests(ChallengeBrowserFixture fixture) : IClassFixture<ChallengeBrowserFixture>
{
    private const string Field = "input[name='__optin_altcha']";
    private const string Done = "Vérification anti-robot terminée.";
    private const string Failed = "La vérification anti-robot n'a pas abouti.";

    private async Task<IPage> OpenSolvedAsync(string path = "/optin/forms/newsletter")
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + path);
        await page.GetByText(Done).WaitForAsync();
        return page;
    }

    private static async Task FillAndSendAsync(IPage page, string email)
    {
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel(Some.ConsentFr).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
    }

    private async Task<bool> StoredAsync(string email) =>
        (await fixture.App.Store.Contacts.QueryAsync(new ContactQuery(), default).ToListAsync()).Any(c => c.Email == email);

    private static string NewEmail() => $"defi{Guid.NewGuid():N}@exemple.fr";

    [ChromiumFact]
    public async Task LandingPage_SolvedInTheBrowser_IsAccepted_AndAccessible()
    {
        var page = await OpenSolvedAsync("/salon");
        await page.AssertAccessibleAsync();
        Assert.NotEmpty(await page.EvaluateAsync<string>($"document.querySelector(\"{Field}\").value"));

        var email = NewEmail();
        await FillAndSendAsync(page, email);
        await page.WaitForPageAsync(fixture.BaseUrl + "/merci");

        Assert.True(await StoredAsync(email));
    }

    [ChromiumFact]
    public async Task ReplayedSolution_IsRefused_AndStoresNothing()
    {
        var first = await OpenSolvedAsync();
        var used = await first.EvaluateAsync<string>($"document.querySelector(\"{Field}\").value");
        await FillAndSendAsync(first, NewEmail());
        await first.WaitForPageAsync(fixture.BaseUrl + "/merci");

        var second = await OpenSolvedAsync();
        await second.EvaluateAsync($"p => document.querySelector(\"{Field}\").value = p", used);
        var email = NewEmail();
        await FillAndSendAsync(second, email);
        await second.GetByText(Failed).WaitForAsync();

        Assert.False(await StoredAsync(email));
        await second.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task ExpiredSolution_IsRefused_AndStoresNothing()
    {
        var page = await OpenSolvedAsync();
        fixture.App.Clock.Advance(NodaTime.Duration.FromHours(2));
        var email = NewEmail();
        await FillAndSendAsync(page, email);
        await page.GetByText("La vérification anti-robot a expiré.").WaitForAsync();

        Assert.False(await StoredAsync(email));
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task ForgedSolutions_BadSignatureOrWrongNumber_AreRefused_AndStoreNothing()
    {
        foreach (var forge in new[] { "p.signature = '0'.repeat(64)", "p.number = p.number + 1" })
        {
            var page = await OpenSolvedAsync();
            await page.EvaluateAsync($"() => {{ const f = document.querySelector(\"{Field}\"); const p = JSON.parse(atob(f.value)); {forge}; f.value = btoa(JSON.stringify(p)); }}");
            var email = NewEmail();
            await FillAndSendAsync(page, email);
            await page.GetByText(Failed).WaitForAsync();

            Assert.False(await StoredAsync(email), forge);
        }
    }

    [ChromiumFact]
    public async Task JavaScriptOff_TheFormSaysSo_AndThePostIsRefusedPlainly()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/optin/forms/newsletter");
        // With scripts off the parser makes the noscript's paragraph an element (with them on it stays raw text). Playwright's
        // JavaScriptEnabled = false does not make Chromium lay it out, so its visibility cannot be checked here.
        var message = page.Locator(".optin-challenge noscript p.optin-error");
        Assert.Equal(1, await message.CountAsync());
        Assert.StartsWith("Ce formulaire a besoin de JavaScript", await message.TextContentAsync(), StringComparison.Ordinal);

        var email = NewEmail();
        await FillAndSendAsync(page, email);
        await page.GetByText("Le formulaire n'a pas été envoyé : sa vérification anti-robot a besoin de JavaScript.").WaitForAsync();

        Assert.False(await StoredAsync(email));
    }
}
