using System.Net;
using System.Text;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>WD: the unsubscribe page and RFC 8058 one-click posts.</summary>
public sealed class WithdrawalTests
{
    [Fact]
    [Trait("Requirement", "WD-2")]
    public async Task OneClick_UrlEncoded_NoCookie_Answers200WithoutRedirect()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsync("/optin/unsubscribe/" + token,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(1, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-2")]
    public async Task OneClick_Multipart_Answers200()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var content = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        var response = await app.Client().PostAsync("/optin/unsubscribe/" + token, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-3")]
    public async Task GetAndHead_UnsubscribeLink_ChangeNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var client = app.Client();
        var get = await client.GetAsync("/optin/unsubscribe/" + token);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/optin/unsubscribe/" + token));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-5")]
    public async Task UnsubscribePage_AsksForNothing_OneButton()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var html = await app.Client().GetStringAsync("/optin/unsubscribe/" + token);

        Assert.Contains("<form method=\"post\"", html);
        Assert.DoesNotContain("<input type=\"text\"", html);
        Assert.DoesNotContain("<input type=\"email\"", html);
        Assert.DoesNotContain("<textarea", html);
    }

    [Fact]
    [Trait("Requirement", "WD-7")]
    public async Task Unsubscribe_WithAConfirmToken_IsRefused_AndConfirmsNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var client = app.Client();
        var get = await client.GetAsync("/optin/unsubscribe/" + token);
        var post = await client.PostAsync("/optin/unsubscribe/" + token, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
    }

    [Fact]
    [Trait("Requirement", "WD-7")]
    public async Task UnsubscribePage_DoesNotRevealTheAddress()
    {
        using var app = new OptinWebFactory();
        await Some.SignUpAsync(app.Client(), Some.Email());
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var html = await app.Client().GetStringAsync("/optin/unsubscribe/" + token);

        Assert.DoesNotContain("@", html);
    }

    [Fact]
    [Trait("Requirement", "WD-2")]
    public async Task OneClick_OversizedBody_Is413_AndWithdrawsNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var response = await app.Client().PostAsync("/optin/unsubscribe/" + token,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click"), new("x", new string('x', 40_000))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Unsubscribe"));
    }

    /// <summary>Bodies that are neither RFC 8058's one-click nor the unsubscribe page's own button.</summary>
    public static TheoryData<string> NotAnUnsubscribe() =>
    [
        "none",
        "empty-urlencoded",
        "other-value",
        "lowercase-value",
        "one-click-twice",
        "one-click-and-other",
        "json",
        "text-plain",
        "random-field",
        "multipart-other-value",
    ];

    private static HttpContent? Body(string kind) => kind switch
    {
        "none" => null,
        "empty-urlencoded" => new FormUrlEncodedContent([]),
        "other-value" => new FormUrlEncodedContent([new("List-Unsubscribe", "Other")]),
        "lowercase-value" => new FormUrlEncodedContent([new("List-Unsubscribe", "one-click")]),
        "one-click-twice" => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click"), new("List-Unsubscribe", "One-Click")]),
        "one-click-and-other" => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click"), new("List-Unsubscribe", "Other")]),
        "json" => new StringContent("{\"List-Unsubscribe\":\"One-Click\"}", Encoding.UTF8, "application/json"),
        "text-plain" => new StringContent("List-Unsubscribe=One-Click", Encoding.UTF8, "text/plain"),
        "random-field" => new FormUrlEncodedContent([new("x", "y")]),
        "multipart-other-value" => new MultipartFormDataContent { { new StringContent("Other"), "List-Unsubscribe" } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [Trait("Requirement", "WD-2")]
    [Trait("Requirement", "WD-3")]
    [MemberData(nameof(NotAnUnsubscribe))]
    public async Task Post_NeitherOneClickNorThePageButton_Is400_AndWithdrawsNothing(string body)
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsync("/optin/unsubscribe/" + token, Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-3")]
    public async Task Post_ThePageButtonFromAnotherSite_WithoutItsAntiforgeryCookie_Is400_AndWithdrawsNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var page = new FormSession(app.Client());
        await page.OpenAsync("/optin/unsubscribe/" + token);
        var stranger = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await stranger.PostAsync("/optin/unsubscribe/" + token, new FormUrlEncodedContent(page.Hidden));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-5")]
    public async Task Post_ThePageButton_WithItsAntiforgeryToken_Withdraws()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var page = new FormSession(app.Client());
        await page.OpenAsync("/optin/unsubscribe/" + token);
        var response = await page.Client.PostAsync("/optin/unsubscribe/" + token, new FormUrlEncodedContent(page.Hidden));

        Assert.Contains("__RequestVerificationToken", page.Hidden.Keys);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(1, app.DoubleOptin.Count("Unsubscribe"));
    }

    [Fact]
    [Trait("Requirement", "WD-2")]
    [Trait("Requirement", "WD-3")]
    public async Task HostileBodies_WithTheRealEngine_LeaveTheOptinAsItWas_ThenOneClickAndTheButtonStillWithdraw()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var first = (await AddressStates.SeedAsync(app, Some.Email("a"), AddressState.Confirmed))!.Value;
        var second = (await AddressStates.SeedAsync(app, Some.Email("b"), AddressState.Confirmed))!.Value;
        var firstToken = await AddressStates.IssueUnsubscribeTokenAsync(app, first);
        var secondToken = await AddressStates.IssueUnsubscribeTokenAsync(app, second);
        var mailClient = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var eventsBefore = (await app.Store.Ledger.ReadAsync(first, default).ToListAsync()).Count;

        foreach (var body in NotAnUnsubscribe())
        {
            var refused = await mailClient.PostAsync("/optin/unsubscribe/" + firstToken, Body(body));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var contact = (await app.Store.Contacts.FindAsync(first, default))!;
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));
        Assert.Equal(eventsBefore, (await app.Store.Ledger.ReadAsync(first, default).ToListAsync()).Count);

        var oneClick = await mailClient.PostAsync("/optin/unsubscribe/" + firstToken,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var page = new FormSession(app.Client());
        await page.OpenAsync("/optin/unsubscribe/" + secondToken);
        var button = await page.Client.PostAsync("/optin/unsubscribe/" + secondToken, new FormUrlEncodedContent(page.Hidden));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(HttpStatusCode.OK, button.StatusCode);
        foreach (var id in new[] { first, second })
        {
            Assert.Equal(OptinState.Withdrawn, (await app.Store.Contacts.FindAsync(id, default))!.GetState("newsletter"));
            Assert.Single(await app.Store.Ledger.ReadAsync(id, default).ToListAsync(), e => e.Kind == ConsentEventKind.Withdrawn);
        }
    }
}
