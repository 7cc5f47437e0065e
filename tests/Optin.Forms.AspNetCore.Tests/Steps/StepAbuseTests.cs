using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Steps;

/// <summary>
/// The abuse guards on a multi-step form: the honeypot on every step, the fill time from the first step's rendering,
/// the rate limits on the last post only (where something would be stored), and a long state cut into pieces.
/// </summary>
[Trait("Feature", "Steps")]
public sealed class StepAbuseTests
{
    private const string Form = "atelier";

    private static async Task<StepVisitor> OpenAsync(OptinWebFactory app)
    {
        var visitor = new StepVisitor(app.Client());
        await visitor.OpenAsync("/optin/forms/atelier?culture=fr");
        return visitor;
    }

    private static async Task<HttpResponseMessage> WalkAsync(StepVisitor visitor, string email, string message = "Deux places ?")
    {
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("email", email), ("firstName", "Jeanne"), ("__optin_step_next", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("workshop", "weaving"), ("message", message), ("__optin_step_next", "1"))).StatusCode);
        visitor.SolveChallenge();
        return await visitor.PostAsync(Form, ("consent.newsletter", "true"));
    }

    [Theory]
    [Trait("Requirement", "ABU-2")]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Honeypot_FilledOnAnyStep_AnswersLikeASuccess_AndStoresNothing(int step)
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:Challenge:MaxNumber", "300"));
        var visitor = await OpenAsync(app);
        if (step == 2)
        {
            await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
            await visitor.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_next", "1"));
            visitor.SolveChallenge();
        }

        var response = step == 0
            ? await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("website", "http://spam"), ("__optin_step_next", "1"))
            : await visitor.PostAsync(Form, ("consent.newsletter", "true"), ("website", "http://spam"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/merci", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-2")]
    public async Task FillTime_CountsFromTheFirstStepsRendering_NotFromTheLastPage()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:Challenge:MaxNumber", "300"), ("OptinForms:Abuse:MinFillTime", "00:00:05"));

        // A bot rushing through the steps: dropped silently at the last one.
        var bot = await OpenAsync(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await WalkAsync(bot, Some.Email("bot"))).StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());

        // A person: the first page was shown 6 s before the last post, though the last page only an instant before.
        var person = await OpenAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"))).StatusCode);
        app.Clock.Advance(NodaTime.Duration.FromSeconds(6));
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_next", "1"))).StatusCode);
        person.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await person.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "ABU-1")]
    public async Task RateLimit_CountsTheLastPostOnly()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:Challenge:MaxNumber", "300"),
            ("OptinForms:Abuse:RateLimiting:Enabled", "true"), ("OptinForms:Abuse:RateLimiting:PerIpPerMinute", "1"));

        // Many step posts from one address, back and forth: none counts.
        var visitor = await OpenAsync(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_back", "1"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await WalkAsync(visitor, Some.Email("a"))).StatusCode);
        var second = await OpenAsync(app);
        var refused = await WalkAsync(second, Some.Email("b"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    public async Task ALongState_IsCutIntoPiecesWithinTheFieldLengthLimit_AndArrivesWhole()
    {
        using var app = new OptinWebFactory(("OptinForms:Abuse:Challenge:MaxNumber", "300"))
        {
            ConfigureServicesExtra = s => s.Configure<OptinFormsWebOptions>(o => o.MaxFieldLength = 2000),
        };
        var message = string.Concat(Enumerable.Repeat("Une phrase un peu longue. ", 70)).Trim();
        Assert.InRange(message.Length, 1500, 2000);
        var visitor = await OpenAsync(app);
        await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        await visitor.PostAsync(Form, ("workshop", "weaving"), ("message", message), ("__optin_step_next", "1"));

        var pieces = visitor.All("__optin_state");
        Assert.True(pieces.Count > 1, $"{pieces.Count} piece(s)");
        Assert.All(pieces, p => Assert.True(p.Length <= 2000));
        visitor.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);

        var submission = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        Assert.Equal(message, submission.Values["message"]);
    }
}
