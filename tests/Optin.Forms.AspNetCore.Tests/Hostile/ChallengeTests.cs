using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>
/// <c>Abuse:Challenge</c> on the newsletter form, over HTTP: a solved post is accepted; a missing, replayed, expired or
/// forged solution is refused with the form shown again and a plain reason, and nothing is stored.
/// </summary>
[Trait("Feature", "Challenge")]
public sealed class ChallengeTests
{
    private static OptinWebFactory App() => new(
        ("OptinForms:Forms:newsletter:Abuse:Challenge", "true"),
        ("OptinForms:Abuse:Challenge:MaxNumber", "500"));

    private static async Task<(FormSession Session, string Payload)> OpenAndSolveAsync(OptinWebFactory app, string culture = "fr")
    {
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter?culture=" + culture);
        return (session, ChallengeSolver.Solve(ChallengeSolver.FromHtml(session.Html)));
    }

    private static Task<HttpResponseMessage> PostAsync(FormSession session, string payload, string email)
    {
        session.Hidden["__optin_altcha"] = payload;
        return session.PostAsync("newsletter", ("email", email), ("consent.newsletter", "true"));
    }

    [Fact]
    public async Task Page_OfAChallengeForm_CarriesTheChallenge_TheLocalScript_AndANoScriptMessage()
    {
        using var app = App();
        var client = app.Client();
        var html = await client.GetStringAsync("/optin/forms/newsletter?culture=en");

        var challenge = JsonDocument.Parse(ChallengeSolver.FromHtml(html)).RootElement;
        Assert.Equal("SHA-256", challenge.GetProperty("algorithm").GetString());
        Assert.Equal(500, challenge.GetProperty("maxnumber").GetInt64());
        Assert.Contains("<input type=\"hidden\" name=\"__optin_altcha\" value=\"\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/optin/assets/challenge.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><p class=\"optin-error\">This form needs JavaScript", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        var script = await client.GetAsync("/optin/assets/challenge.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("crypto.subtle.digest", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Forms that do not turn it on are unchanged.
        Assert.DoesNotContain("data-optin-challenge", await client.GetStringAsync("/optin/forms/contact"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Solved_IsAccepted_AndStored()
    {
        using var app = App();
        var (session, payload) = await OpenAndSolveAsync(app);

        var response = await PostAsync(session, payload, Some.Email());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Theory]
    [InlineData("fr", "Le formulaire n'a pas été envoyé : sa vérification anti-robot a besoin de JavaScript.")]
    [InlineData("en", "The form was not sent: its anti-robot check needs JavaScript.")]
    public async Task Post_WithoutASolution_ShowsTheFormAgain_SayingJavaScriptIsNeeded_AndStoresNothing(string culture, string message)
    {
        using var app = App();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter?culture=" + culture);

        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("data-optin-challenge", html, StringComparison.Ordinal);
        Assert.Contains("value=\"" + Some.Email() + "\"", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
        Assert.Contains(app.Logs.Messages, m => m.Contains("refused before the pipeline: challenge missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_Replayed_IsRefused_AndStoresNothingMore()
    {
        using var app = App();
        var (session, payload) = await OpenAndSolveAsync(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(session, payload, Some.Email("a"))).StatusCode);

        var other = new FormSession(app.Client());
        await other.OpenAsync("/optin/forms/newsletter?culture=en");
        var replay = await PostAsync(other, payload, Some.Email("b"));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("The anti-robot check did not succeed.", WebUtility.HtmlDecode(await replay.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    public async Task Post_Expired_ShowsTheFormAgainWithAFreshChallenge_AndStoresNothing()
    {
        using var app = App();
        var (session, payload) = await OpenAndSolveAsync(app, "en");
        app.Clock.Advance(NodaTime.Duration.FromHours(1) + NodaTime.Duration.FromSeconds(1));

        var response = await PostAsync(session, payload, Some.Email());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The anti-robot check has expired.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.NotEqual(payload, ChallengeSolver.Solve(ChallengeSolver.FromHtml(html)));
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("number")]
    public async Task Post_Forged_IsRefused_AndStoresNothing(string member)
    {
        using var app = App();
        var (session, payload) = await OpenAndSolveAsync(app);
        var json = JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement;
        System.Text.Json.Nodes.JsonNode forged = member == "number"
            ? json.GetProperty("number").GetInt64() + 1
            : new string('a', 64);

        var response = await PostAsync(session, ChallengeSolver.Tamper(payload, member, forged), Some.Email());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("La vérification anti-robot n'a pas abouti.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    public async Task JsonPost_WithoutASolution_Answers400ProblemWithItsCode()
    {
        using var app = App();
        var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["email"] = Some.Email(), ["consent.newsletter"] = "true" }),
        };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("OPTIN2301", problem.GetProperty("type").GetString());
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    public async Task JsonPost_SolvingTheChallengeEndpointsChallenge_IsAccepted()
    {
        using var app = App();
        var client = app.Client();
        var challenge = await client.GetAsync("/optin/forms/newsletter/challenge");
        Assert.Equal("no-store", challenge.Headers.CacheControl!.ToString());
        var payload = ChallengeSolver.Solve(await challenge.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
        {
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["email"] = Some.Email(), ["consent.newsletter"] = "true", ["__optin_altcha"] = payload,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/optin/forms/contact/challenge")).StatusCode);
    }

    [Theory]
    [Trait("Requirement", "CFG-1")]
    [InlineData("OptinForms:Abuse:Challenge:MaxNumber", "0")]
    [InlineData("OptinForms:Abuse:Challenge:Expiry", "00:00:00")]
    [InlineData("OptinForms:Abuse:Challenge:HmacKey", "too short")]
    public void InvalidChallengeSettings_StopTheHostAtStart_NamingThePath(string key, string value)
    {
        using var app = new OptinWebFactory((key, value));
        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Client());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
