using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Statistics;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Counting without tracking, the statistics on seeded data, and the Overview page over HTTP.</summary>
public sealed class OverviewHttpTests
{
    private const string VisitorIp = "198.51.100.77";

    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public async Task FormPageFragmentAndLandingPage_Get_CountViewsWithTheSource_NoCookieNoIpNoPerViewRow()
    {
        await using var app = new OptinWebFactory();
        var client = app.Client();
        var responses = new List<HttpResponseMessage>
        {
            await GetAsync(client, "/optin/forms/newsletter?utm_source=%20Flyer%20"),
            await GetAsync(client, "/optin/forms/newsletter?utm_source=flyer"),
            await GetAsync(client, "/optin/forms/newsletter/fragment"),
            await GetAsync(client, "/salon?utm_source=jean.dupont%40exemple.fr"), // an address is no source
            await GetAsync(client, "/optin/forms/nope"),
        };
        Assert.Equal(HttpStatusCode.NotFound, responses[^1].StatusCode);

        Assert.True(await app.Services.GetRequiredService<ViewCounter>().FlushAsync(default) > 0);
        var day = new LocalDate(2026, 11, 12);
        var views = await app.Store.Statistics.ReadViewsAsync(day, day, default).ToListAsync();
        Assert.Equal(
        [
            new ViewCount(day, "newsletter", "", "", 1),
            new ViewCount(day, "newsletter", "", "flyer", 2),
            new ViewCount(day, "newsletter", "salon", "", 1),
        ], views);

        // Counting sets no cookie: the only cookie a form page sets is its antiforgery one.
        Assert.All(responses.Where(r => r.Headers.Contains("Set-Cookie")).SelectMany(r => r.Headers.GetValues("Set-Cookie")),
            cookie => Assert.StartsWith(".AspNetCore.Antiforgery.", cookie, StringComparison.Ordinal));
        // No person, no submission, and neither the IP address nor the address-like source anywhere in the database files.
        Assert.Equal(0, await app.ContactCountAsync());
        var files = Directory.GetFiles(Path.GetDirectoryName(app.MailDirectory)!, "optin.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain(VisitorIp, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain("exemple.fr", bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public async Task Views_HostStopsGracefully_TheLastViewsAreWritten()
    {
        var file = Path.Combine(Path.GetTempPath(), "optin-overview-" + Guid.NewGuid().ToString("N") + ".db");
        var database = ("ConnectionStrings:Optin", (string?)$"Data Source={file}");
        await using (var app = new OptinWebFactory(database))
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(app.Client(), "/optin/forms/newsletter?utm_source=stop")).StatusCode);
            Assert.Equal(1, app.Services.GetRequiredService<ViewCounter>().PendingCounters); // not written yet: the interval is a minute
        }

        await using var again = new OptinWebFactory(database);
        var day = new LocalDate(2026, 11, 12);
        var views = await again.Store.Statistics.ReadViewsAsync(day, day, default).ToListAsync();
        Assert.Equal([new ViewCount(day, "newsletter", "", "stop", 1)], views);
    }

    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public void NormalizeSource_KeepsOnlyShortPlainNames()
    {
        Assert.Equal("flyer", ViewCounter.NormalizeSource("  FLYER "));
        Assert.Equal("news-2026_12.v2", ViewCounter.NormalizeSource("News-2026_12.v2"));
        Assert.Equal("", ViewCounter.NormalizeSource("jean@exemple.fr"));
        Assert.Equal("", ViewCounter.NormalizeSource("a b"));
        Assert.Equal("", ViewCounter.NormalizeSource(new string('x', 65)));
        Assert.Equal(new string('x', 64), ViewCounter.NormalizeSource(new string('X', 64)));
        Assert.Equal("", ViewCounter.NormalizeSource(null));
    }

    [Fact]
    [Trait("Section", "Overview: statistics")]
    public async Task Statistics_SeededPeriod_CountsRateAndMedian_InTheSiteTimeZone()
    {
        await using var app = new OptinWebFactory();
        await OverviewData.SeedAsync(app.Store);
        var service = app.Services.GetRequiredService<StatisticsService>();

        var report = await service.ComputeAsync(new StatisticsQuery(OverviewData.Day10, OverviewData.Day12), default);

        Assert.Equal(new StatisticsFigures(15, 4, 3, 2, 1), report.Total);
        Assert.Equal(2.0 / 3, report.Total.ConfirmationRate!.Value, 6);
        Assert.Equal(Duration.FromHours(3), report.MedianTimeToConfirm);
        Assert.Equal("Europe/Paris", report.Zone.Id);
        // B signed up at 23:30Z on the 10th: the 11th in Paris.
        Assert.Equal(
        [
            new DayStatistics(OverviewData.Day10, new StatisticsFigures(10, 1, 1, 1, 0)),
            new DayStatistics(OverviewData.Day11, new StatisticsFigures(5, 3, 2, 1, 0)),
            new DayStatistics(OverviewData.Day12, new StatisticsFigures(0, 0, 0, 0, 1)),
        ], report.Days);
        var newsletter = Assert.Single(report.Forms, f => f.FormId == "newsletter");
        Assert.Equal(new StatisticsFigures(15, 3, 3, 2, 0), newsletter.Figures);
        Assert.Equal(Duration.FromHours(3), newsletter.MedianTimeToConfirm);
        Assert.Equal(new StatisticsFigures(0, 1, 0, 0, 0), Assert.Single(report.Forms, f => f.FormId == "contact").Figures);
        Assert.Equal(new StatisticsFigures(0, 0, 0, 0, 1), Assert.Single(report.Forms, f => f.FormId is null).Figures);
        Assert.Equal(5, Assert.Single(report.LandingPages, p => p.Slug == "salon").Views);
        Assert.Equal([new SourceStatistics("", 10), new SourceStatistics("flyer", 5)], report.Sources);
    }

    [Fact]
    [Trait("Section", "Overview: statistics")]
    public async Task Statistics_OneLandingPageOrOneDay_FiltersViewsAndActivity()
    {
        await using var app = new OptinWebFactory();
        await OverviewData.SeedAsync(app.Store);
        var service = app.Services.GetRequiredService<StatisticsService>();

        var salon = await service.ComputeAsync(new StatisticsQuery(OverviewData.Day10, OverviewData.Day12) { LandingPage = "salon" }, default);
        var contact = await service.ComputeAsync(new StatisticsQuery(OverviewData.Day10, OverviewData.Day12) { FormId = "contact" }, default);
        var day10 = await service.ComputeAsync(new StatisticsQuery(OverviewData.Day10, OverviewData.Day10), default);

        Assert.Equal(new StatisticsFigures(5, 3, 3, 2, 0), salon.Total); // its views; its form's activity
        Assert.Equal(new StatisticsFigures(0, 1, 0, 0, 0), contact.Total);
        Assert.Equal(new StatisticsFigures(10, 1, 1, 1, 0), day10.Total);
        Assert.Equal(Duration.FromHours(2), day10.MedianTimeToConfirm);
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await service.ComputeAsync(new StatisticsQuery(OverviewData.Day12, OverviewData.Day10), default));
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Overview_Anonymous_IsSentToTheLogin_AndSeesNoFigures()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        await OverviewData.SeedAsync(app.Store);

        var response = await app.Client().GetAsync(new Uri("/optin/dashboard?from=2026-11-10&to=2026-11-12", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("overview.example", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Section", "Overview: page")]
    public async Task Overview_SignedIn_ShowsThePeriodFigures_AndTheSameFiguresInChartAndTable()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        await OverviewData.SeedAsync(app.Store);
        var session = await DashboardSession.SignInAsync(app);

        var response = await session.OpenAsync("/optin/dashboard?from=2026-11-10&to=2026-11-12&scope=&culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = session.Html;
        Assert.Contains("<dt>Confirmation rate</dt><dd>66.7%</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Median time to confirm</dt><dd>3 h 00 min</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Submissions</dt><dd>4</dd>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-11\">11 Nov 2026</time></th><td class=\"num\">5</td><td class=\"num\">3</td><td class=\"num\">2</td>"
            + "<td class=\"num\">1</td><td class=\"num\">0</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("overview.example", html, StringComparison.Ordinal); // figures, never people
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);

        await session.OpenAsync("/optin/dashboard?from=2026-11-12&to=2026-11-10");
        Assert.Contains("role=\"alert\"", session.Html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(OptinWebFactory.TestIpHeader, VisitorIp);
        request.Headers.UserAgent.ParseAdd("OverviewTest/1.0");
        return await client.SendAsync(request);
    }

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>The Overview page in Chromium: axe at 0 violations in English and French, the period form by keyboard.</summary>
public sealed class OverviewBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [ChromiumFact]
    [Trait("Section", "Overview: page")]
    public async Task Overview_InEnglishAndFrench_ChartTableAndPeriodForm_NoAxeViolation()
    {
        await OverviewData.SeedAsync(fixture.App.Store);
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Dashboard + "/?from=2026-11-10&to=2026-11-12&culture=en");
        Assert.Equal("Overview", await page.Locator("main h1").InnerTextAsync());
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Figures per day from 10 Nov 2026 to 12 Nov 2026" });
        Assert.Equal(1, await chart.CountAsync());
        Assert.True(await page.Locator("svg.dash-chart rect.bar").CountAsync() > 0);
        Assert.Equal(3, await page.Locator("#per-day-table tbody tr").CountAsync());
        await page.AssertAccessibleAsync();

        // The period form, by keyboard: choose the landing page and send with Enter.
        await page.GetByLabel("Form or landing page").SelectOptionAsync("page:salon");
        // Focus and key press in one step that waits for the button to be ready (a separate FocusAsync then Keyboard.Press
        // sent the key nowhere once, on a loaded machine); the navigation is awaited with the key, not after it.
        var navigated = page.WaitForURLAsync(url => url.Contains("scope=page%3Asalon", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).PressAsync("Enter");
        await navigated;
        Assert.Equal("5", await page.Locator(".dash-figures div").First.Locator("dd").InnerTextAsync());

        await page.GotoAsync(fixture.Dashboard + "/?from=2026-11-10&to=2026-11-12&culture=fr");
        Assert.Equal("Vue d'ensemble", await page.Locator("main h1").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Img, new() { Name = "Chiffres par jour du 10 nov. 2026 au 12 nov. 2026" }).CountAsync());
        await page.AssertAccessibleAsync();
    }
}
