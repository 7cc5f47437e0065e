using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rights;
using Optin.Forms.Rules;
using Optin.Forms.Statistics;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>#19: the landing page, A/B variant, utm_* values and referrer host a submission came with.</summary>
public sealed class SubmissionAttributionTests
{
    private static readonly SubmissionAttribution FromSalonB = new()
    {
        LandingPage = "salon",
        Variant = "b",
        UtmSource = " Flyer ",
        UtmMedium = "print",
        UtmCampaign = "Maison et Objet 2026",
        ReferrerHost = "https://user:secret@News.Example.org:8443/articles/42?ref=jean.dupont@exemple.fr",
    };

    private static Flow Start(Action<Dictionary<string, string?>>? amend = null) => Flow.Start(s =>
    {
        LandingPageVariantsTests.WithVariants(s);
        amend?.Invoke(s);
    });

    private static async Task<Guid> SubmitAsync(Flow flow, SubmissionAttribution? attribution, string form = "contact", string email = "jean.dupont@exemple.fr") =>
        (await PostAsync(flow, attribution, form, email)).SubmissionId!.Value;

    private static async Task<SubmissionResult> PostAsync(Flow flow, SubmissionAttribution? attribution, string form = "contact", string email = "jean.dupont@exemple.fr")
    {
        var values = form == "newsletter"
            ? new (string, string?)[] { ("email", email), ("firstName", "Jean"), ("consent.newsletter", "true") }
            : [("email", email), ("message", "Bonjour, un devis ?"), ("consent.newsletter", "true")];
        var post = Some.Post(form, values);
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>()
            .SubmitAsync(post with { Context = post.Context with { Attribution = attribution } }, default);
        Assert.True(result.Succeeded);
        return result;
    }

    private static async Task<SubmissionRecord> StoredAsync(Flow flow, Guid id) =>
        await flow.Store.Submissions.ListByFormAsync("contact", 0, 100, default).SingleAsync(s => s.Id == id);

    [Fact]
    public async Task SubmitAsync_FromAVariant_RecordsVariantAndCleanedAttribution()
    {
        using var flow = Start();

        var stored = await StoredAsync(flow, await SubmitAsync(flow, FromSalonB));

        Assert.Equal(new SubmissionAttribution
        {
            LandingPage = "salon",
            Variant = "b",
            UtmSource = "flyer",
            UtmMedium = "print",
            UtmCampaign = "maison et objet 2026",
            ReferrerHost = "news.example.org",
        }, stored.Attribution);
        // Never mixed with the person's values.
        Assert.DoesNotContain(stored.Values.Keys, SubmissionAttribution.IsReserved);
    }

    [Theory]
    [InlineData("zzz")] // a variant the page does not have
    [InlineData("a")] // a variant of the page, but one that shows another form
    public async Task SubmitAsync_VariantThatDidNotShowThisForm_IsDropped_TheRestKept(string variant)
    {
        using var flow = Start();

        var stored = await StoredAsync(flow, await SubmitAsync(flow, FromSalonB with { Variant = variant }));

        Assert.Equal("salon", stored.Attribution!.LandingPage);
        Assert.Null(stored.Attribution.Variant);
        Assert.Equal("flyer", stored.Attribution.UtmSource);
    }

    [Fact]
    public async Task SubmitAsync_LandingPageThatDoesNotHoldTheForm_IsDroppedWithItsVariant()
    {
        using var flow = Start(s => s["OptinForms:LandingPages:salon:Variants:b:Form"] = null);

        var stored = await StoredAsync(flow, await SubmitAsync(flow, FromSalonB with { UtmMedium = null, UtmCampaign = null, ReferrerHost = null }));

        Assert.Equal(new SubmissionAttribution { UtmSource = "flyer" }, stored.Attribution);
    }

    [Theory]
    [InlineData("jean.dupont@exemple.fr")] // an address is never a source
    [InlineData("a\u0000b")]
    [InlineData("x<script>")]
    [InlineData("   ")]
    public void CleanValue_PersonalOrHostileValues_AreNoValue(string value) => Assert.Null(SubmissionAttribution.CleanValue(value));

    [Fact]
    public void CleanValue_Bounded_ToSixtyFourCharacters()
    {
        Assert.Equal(new string('a', 64), SubmissionAttribution.CleanValue(new string('A', 64)));
        Assert.Null(SubmissionAttribution.CleanValue(new string('a', 65)));
    }

    [Theory]
    [InlineData("https://www.Exemple.fr/page?email=jean.dupont@exemple.fr", "www.exemple.fr")]
    [InlineData("http://bücher.example/", "xn--bcher-kva.example")]
    [InlineData("news.example.org", "news.example.org")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("ftp://files.example.org/", null)]
    public void CleanHost_KeepsTheHostOnly(string referrer, string? expected) => Assert.Equal(expected, SubmissionAttribution.CleanHost(referrer));

    [Fact]
    public async Task FormSubmittedAndOptinConfirmed_CarryTheAttribution()
    {
        using var flow = Start(s =>
        {
            s["OptinForms:Rules:4:Name"] = "confirmed-from-b";
            s["OptinForms:Rules:4:When"] = "OptinConfirmed";
            s["OptinForms:Rules:4:If:LandingPageIs"] = "salon";
            s["OptinForms:Rules:4:If:VariantIs"] = "b";
            s["OptinForms:Rules:4:If:SourceIs"] = "FLYER";
            s["OptinForms:Rules:4:Then:0:Action"] = "AddTag";
            s["OptinForms:Rules:4:Then:0:Args:Tag"] = "salon-b";
            s["OptinForms:Rules:5:Name"] = "submitted-from-b";
            s["OptinForms:Rules:5:When"] = "FormSubmitted";
            s["OptinForms:Rules:5:If:VariantIs"] = "b";
            s["OptinForms:Rules:5:Then:0:Action"] = "AddTag";
            s["OptinForms:Rules:5:Then:0:Args:Tag"] = "submitted-b";
        });

        await SubmitAsync(flow, FromSalonB with { Variant = "a" }, email: "marie.curie@exemple.fr"); // dropped variant: no match
        await SubmitAsync(flow, FromSalonB);
        await flow.RunAsync();
        Assert.Single(await flow.JobsAsync(), j => j.RuleName == "submitted-from-b");
        foreach (var doi in flow.Mail.Messages.Where(m => m.Subject == "Confirmez votre inscription").ToList())
        {
            Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        }

        await flow.RunAsync();
        Assert.Single(await flow.JobsAsync(), j => j.RuleName == "confirmed-from-b");
    }

    [Fact]
    public async Task Counts_PerVariant_ViewsSubmissionsAndConfirmations()
    {
        using var flow = Start();
        var counter = flow.Services.GetRequiredService<ViewCounter>();
        for (var i = 0; i < 3; i++)
        {
            counter.Count("contact", "salon", "flyer", "b");
        }

        counter.Count("newsletter", "salon", null, "a");
        await counter.FlushAsync(default);
        await SubmitAsync(flow, FromSalonB);
        await SubmitAsync(flow, FromSalonB, email: "marie.curie@exemple.fr");
        await SubmitAsync(flow, FromSalonB with { LandingPage = null, Variant = null }, email: "paul.durand@exemple.fr");
        await flow.RunAsync();
        var doi = flow.Mail.Messages.First(m => m.Subject == "Confirmez votre inscription");
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));

        var day = flow.Clock.GetCurrentInstant().InUtc().Date;
        var report = await flow.Services.GetRequiredService<StatisticsService>().ComputeAsync(new StatisticsQuery(day.PlusDays(-1), day), default);

        var salon = Assert.Single(report.LandingPages, p => p.Slug == "salon");
        Assert.Equal([new VariantStatistics("a", 30, 1, 0, 0), new VariantStatistics("b", 70, 3, 2, 1)], salon.Variants);
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task Evidence_ShowsTheAttribution_InJsonAndOnThePage()
    {
        using var flow = Start();
        var contactId = (await PostAsync(flow, FromSalonB, "contact", "jean.dupont@exemple.fr")).ContactId!.Value;
        var evidence = flow.Services.GetRequiredService<EvidenceService>();

        using var json = new MemoryStream();
        Assert.True(await evidence.WriteEvidenceJsonAsync(contactId, json, default));
        using var page = new MemoryStream();
        Assert.True(await evidence.WriteEvidenceHtmlAsync(contactId, page, default));

        using var document = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var attribution = document.RootElement.GetProperty("submissions")[0].GetProperty("attribution");
        Assert.Equal("salon", attribution.GetProperty("landing_page").GetString());
        Assert.Equal("b", attribution.GetProperty("variant").GetString());
        Assert.Equal("maison et objet 2026", attribution.GetProperty("utm_campaign").GetString());
        Assert.Equal("news.example.org", attribution.GetProperty("referrer_host").GetString());
        Assert.Contains("landing_page=salon, variant=b, utm_source=flyer", Encoding.UTF8.GetString(page.ToArray()), StringComparison.Ordinal);
    }
}
