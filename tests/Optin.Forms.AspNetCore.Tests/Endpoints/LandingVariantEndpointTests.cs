using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Dashboard;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;
using Optin.Forms.Statistics;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>#19: the sample's /salon in two variants; the variant shown and the visit's attribution reach the submission.</summary>
public sealed class LandingVariantEndpointTests
{
    private const string HeadlineA = "Vous êtes passé nous voir au Salon";
    private const string HeadlineB = "Nos nouveautés du Salon";

    private static async Task<SubmissionRecord> OnlySubmissionAsync(OptinWebFactory app) =>
        await app.Store.Submissions.ListByFormAsync("newsletter", 0, 10, default).SingleAsync();

    private static async Task<FormSession> OpenSalonAsync(OptinWebFactory app, string query = "")
    {
        var session = new FormSession(app.Client());
        session.Client.DefaultRequestHeaders.Referrer = new Uri("https://News.Example.org/articles/42?email=jean.dupont@exemple.fr");
        var response = await session.OpenAsync("/salon" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return session;
    }

    [Fact]
    public async Task Salon_VariantB_ShowsItsTemplate_AndTheSubmissionRecordsVariantAndAttribution()
    {
        await using var app = new OptinWebFactory(("OptinForms:LandingPages:salon:Variants:a:Weight", "0"));
        var session = await OpenSalonAsync(app, "?utm_source=Flyer&utm_medium=print&utm_campaign=maison-objet-2026");

        Assert.Contains(HeadlineB, WebUtility.HtmlDecode(session.Html), StringComparison.Ordinal);
        Assert.DoesNotContain(HeadlineA, WebUtility.HtmlDecode(session.Html), StringComparison.Ordinal);
        Assert.True(session.Hidden.ContainsKey("__optin_attribution"));
        Assert.DoesNotContain("flyer", session.Hidden["__optin_attribution"], StringComparison.OrdinalIgnoreCase);
        var posted = await session.PostAsync("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true"));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);

        var submission = await OnlySubmissionAsync(app);
        Assert.Equal(new SubmissionAttribution
        {
            LandingPage = "salon", Variant = "b", UtmSource = "flyer", UtmMedium = "print", UtmCampaign = "maison-objet-2026", ReferrerHost = "news.example.org",
        }, submission.Attribution);
        Assert.Equal("https://stand.example/salon", submission.SourceUrl);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("")]
    public async Task Post_ForgedAttribution_IsIgnored_TheSubmissionIsKeptWithout(string forged)
    {
        await using var app = new OptinWebFactory();
        var session = await OpenSalonAsync(app, "?utm_source=flyer");
        session.Hidden["__optin_attribution"] = forged;

        var posted = await session.PostAsync("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Null((await OnlySubmissionAsync(app)).Attribution);
    }

    [Fact]
    public async Task Post_AttributionOfAnotherForm_IsIgnored()
    {
        await using var app = new OptinWebFactory(("OptinForms:LandingPages:salon:Variants:a:Weight", "0"));
        var salon = await OpenSalonAsync(app, "?utm_source=flyer");
        var contact = new FormSession(app.Client());
        await contact.OpenAsync("/contact");
        contact.Hidden["__optin_attribution"] = salon.Hidden["__optin_attribution"]; // moved from the newsletter form

        var posted = await contact.PostAsync("contact", ("email", "jean.dupont@exemple.fr"), ("message", "Un devis ?"), ("company", "Dupont"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var submission = await app.Store.Submissions.ListByFormAsync("contact", 0, 10, default).SingleAsync();
        Assert.Null(submission.Attribution);
    }

    [Fact]
    public async Task Salon_Views_AreCountedPerVariant_AndTheExportListsTheAttribution()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings(("OptinForms:LandingPages:salon:Variants:a:Weight", "0")));
        for (var i = 0; i < 2; i++)
        {
            await OpenSalonAsync(app);
        }

        var session = await OpenSalonAsync(app, "?utm_source=flyer");
        await session.PostAsync("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true"));
        await app.Services.GetRequiredService<ViewCounter>().FlushAsync(default);
        var day = app.Clock.GetCurrentInstant().InUtc().Date;

        var report = await app.Services.GetRequiredService<StatisticsService>().ComputeAsync(new StatisticsQuery(day, day), default);
        var salon = Assert.Single(report.LandingPages, p => p.Slug == "salon");
        Assert.Equal([new VariantStatistics("a", 0, 0, 0, 0), new VariantStatistics("b", 50, 3, 1, 0)], salon.Variants);

        var dashboard = await DashboardSession.SignInAsync(app);
        var csv = Encoding.UTF8.GetString(await dashboard.Client.GetByteArrayAsync(new Uri("/optin/dashboard/entries/export?form=newsletter", UriKind.Relative)));
        Assert.EndsWith(",https://stand.example/salon,salon,b,flyer,,,news.example.org", csv.Split("\r\n")[1], StringComparison.Ordinal);
        var overview = await dashboard.Client.GetStringAsync(new Uri("/optin/dashboard", UriKind.Relative));
        Assert.Contains("id=\"per-variant\"", overview, StringComparison.Ordinal);
    }
}
