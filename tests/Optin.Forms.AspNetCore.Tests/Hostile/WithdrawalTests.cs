using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;
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
}
