using Microsoft.Playwright;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.Jobs;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>The sample with the back office user and an email template that tries to run a script.</summary>
public sealed class AdminPagesFixture : BrowserFixture
{
    protected override (string Key, string? Value)[] ExtraSettings =>
    [
        ("Sample:Dashboard:UserName", DashboardFixture.UserName),
        ("Sample:Dashboard:Password", DashboardFixture.Password),
        ("OptinForms:Templates:promo:Marketing", "false"),
        ("OptinForms:Templates:promo:Subject:en", "Hello"),
        ("OptinForms:Templates:promo:Html:en", "<p>Hi {{ Email }}</p><script>document.title = 'pwned'</script>"),
        ("OptinForms:Templates:promo:Text:en", "Hi {{ Email }}"),
    ];

    public string Dashboard => BaseUrl + "/optin/dashboard";

    /// <summary>A new browser context signed in through <c>/account/login</c>.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.GetByLabel("User name").FillAsync(DashboardFixture.UserName);
        await page.GetByLabel("Password").FillAsync(DashboardFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync(Dashboard);
        return page;
    }

    /// <summary>A dead letter (a mail failure too) to list; its action cannot run again without a retry.</summary>
    public async Task<Guid> DeadLetterAsync()
    {
        var now = App.Clock.GetCurrentInstant();
        var job = new JobRecord { Id = Guid.NewGuid(), Action = "SendDoubleOptinEmail", Payload = "{}", CreatedAt = now, DueAt = now + Duration.FromDays(400) };
        await using (var tx = await App.Store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        var claimed = await App.Store.Jobs.ClaimDueJobsAsync("browser-test", now + Duration.FromDays(400), Duration.FromMinutes(5), 1, default);
        Assert.Equal(job.Id, Assert.Single(claimed).Id);
        Assert.True(await App.Store.Jobs.CompleteJobAsync(job.Id, "browser-test", JobStatus.DeadLettered,
            "Permanent delivery failure (550): mailbox unavailable", now, default));
        return job.Id;
    }
}

/// <summary>The jobs, configuration and suppression pages in Chromium: axe at 0 violations in English and French, and a sandboxed preview.</summary>
public sealed class AdminPagesBrowserTests(AdminPagesFixture fixture) : IClassFixture<AdminPagesFixture>
{
    [ChromiumFact]
    public async Task JobsConfigurationAndSuppression_OpenInEnglishAndFrench_WithNoAxeViolation()
    {
        var id = await fixture.DeadLetterAsync();
        var page = await fixture.SignedInPageAsync();
        foreach (var (culture, jobs, configuration, suppression, check) in new[]
        {
            ("en", "Jobs", "Configuration", "Suppression list", "Look up"),
            ("fr", "Tâches", "Configuration", "Liste d'exclusion", "Vérifier"),
        })
        {
            await page.GotoAsync($"{fixture.Dashboard}/jobs?culture={culture}");
            Assert.Equal(jobs, await page.Locator("main h1").InnerTextAsync());
            Assert.Contains("Permanent delivery failure", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.AssertAccessibleAsync();

            await page.GotoAsync($"{fixture.Dashboard}/jobs/{id}");
            await page.AssertAccessibleAsync();

            await page.GotoAsync($"{fixture.Dashboard}/configuration");
            Assert.Equal(configuration, await page.Locator("main h1").InnerTextAsync());
            await page.AssertAccessibleAsync();

            await page.GotoAsync($"{fixture.Dashboard}/suppression");
            Assert.Equal(suppression, await page.Locator("main h1").InnerTextAsync());
            await page.AssertAccessibleAsync();
            await page.Locator("#lookup-email").FillAsync("someone@example.com");
            await page.GetByRole(AriaRole.Button, new() { Name = check }).ClickAsync();
            await page.Locator("#lookup-result").WaitForAsync();
            Assert.DoesNotContain("someone", page.Url, StringComparison.Ordinal);
            await page.AssertAccessibleAsync();
        }
    }

    [ChromiumFact]
    [Trait("Requirement", "SEC-1")]
    public async Task TemplatePreview_ShowsTheHtml_AndItsScriptDoesNotRun()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"{fixture.Dashboard}/configuration?culture=en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the HTML part (scripts disabled) (promo, en)" }).ClickAsync();

        await page.GetByText("Hi jeanne.exemple@example.com").WaitForAsync();
        Assert.NotEqual("pwned", await page.TitleAsync());
    }
}
