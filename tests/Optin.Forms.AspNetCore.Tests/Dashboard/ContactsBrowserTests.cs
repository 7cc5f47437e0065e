using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>The contacts section in Chromium: the search and the contact page pass axe in both languages, and an action works with the keyboard alone.</summary>
public sealed class ContactsBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [ChromiumFact]
    public async Task SearchAndContactPage_InEnglishAndFrench_HaveNoAxeViolation()
    {
        var id = await AddOptedInAsync("axe");
        var page = await fixture.SignedInPageAsync();

        await page.GotoAsync(fixture.Dashboard + "/contacts?kind=Lead&size=1");
        Assert.Equal("Contacts", await page.Locator("main h1").InnerTextAsync());
        await page.Locator("main table").WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"{fixture.Dashboard}/contacts/{id}");
        Assert.Equal(Some.Email("axe"), await page.Locator("main h1").InnerTextAsync());
        await page.GetByText("Set by hand").First.WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await page.Locator("html[lang='fr']").WaitForAsync();
        await page.GetByText("Modification manuelle").First.WaitForAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync(fixture.Dashboard + "/contacts?kind=Lead&size=1");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Filtrer les contacts" }).WaitForAsync();
        await page.AssertAccessibleAsync();
    }

    [ChromiumFact]
    public async Task ChangeKind_WithTheKeyboardOnly_IsSavedWithTheSignedInUser()
    {
        var id = await AddOptedInAsync("keyboard");
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"{fixture.Dashboard}/contacts/{id}");

        for (var i = 0; i < 300 && await page.EvaluateAsync<string>("document.activeElement.id") != "kind-reason"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("kind-reason", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("met at the fair");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Change the kind", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Contains("The kind was changed", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var store = fixture.App.Store;
        Assert.Equal(ContactKind.Contact, (await store.Contacts.FindAsync(id, default))!.Kind);
        var entry = await store.Ledger.ReadAsync(id, default).SingleAsync(ConsentEventKind.KindChanged);
        Assert.Equal(DashboardFixture.UserName, entry.Actor);
        Assert.Equal("Lead → Contact: met at the fair", entry.Reason);
    }

    private async Task<Guid> AddOptedInAsync(string tag)
    {
        var service = fixture.App.Services.GetRequiredService<ContactOptinService>();
        var id = (await service.AddContactAsync(new NewContact(Some.Email(tag)), default)).ContactId!.Value;
        await service.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, "seed", "paper form", "file 1"), default);
        return id;
    }
}
