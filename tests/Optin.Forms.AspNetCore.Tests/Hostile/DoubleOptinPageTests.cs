using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>DOI: the confirmation page against scanners, replays and forged posts.</summary>
public sealed class DoubleOptinPageTests
{
    [Fact]
    [Trait("Requirement", "DOI-2")]
    public async Task GetAndHead_ConfirmLink_ChangeNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var client = app.Client();

        var first = await client.GetAsync("/optin/confirm/" + token);
        var second = await client.GetAsync("/optin/confirm/" + token);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/optin/confirm/" + token));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
        Assert.Equal(0, app.DoubleOptin.Count("Reject"));
    }

    [Fact]
    [Trait("Requirement", "DOI-2")]
    public async Task PostConfirm_WithoutAntiforgeryToken_IsRefused_AndConfirmsNothing()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var response = await app.Client().PostAsync("/optin/confirm/" + token, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task PostConfirm_Twice_SecondIsRefusedWithTheGenericPage()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/confirm/" + token);
        var hidden = session.Hidden.Where(h => h.Key != "intent").ToList();

        var first = await session.Client.PostAsync("/optin/confirm/" + token, new FormUrlEncodedContent(hidden));
        var second = await session.Client.PostAsync("/optin/confirm/" + token, new FormUrlEncodedContent(hidden));
        var unknown = await session.Client.PostAsync("/optin/confirm/" + new string('A', 43), new FormUrlEncodedContent(hidden));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/merci-confirmation", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Replace(new string('A', 43), "T", StringComparison.Ordinal),
            (await second.Content.ReadAsStringAsync()).Replace(token, "T", StringComparison.Ordinal));
    }

    [Theory]
    [Trait("Requirement", "DOI-3")]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz%3Cscript%3E")]
    [InlineData("abcdefghijklmnop.qrstuvwxyz")]
    public async Task GetConfirm_MalformedToken_Answers404_WithoutLookup(string token)
    {
        using var app = new OptinWebFactory();
        var response = await app.Client().GetAsync("/optin/confirm/" + token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Inspect"));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task GetConfirm_WithAnUnsubscribeToken_IsInvalid()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var response = await app.Client().GetAsync("/optin/confirm/" + token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<form", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [Trait("Requirement", "DOI-9")]
    public async Task PostConfirm_ThisWasNotMe_RejectsWithoutConfirming()
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/confirm/" + token);

        var response = await session.Client.PostAsync("/optin/confirm/" + token, new FormUrlEncodedContent(session.Hidden));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, app.DoubleOptin.Count("Reject"));
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
    }

    [Fact]
    [Trait("Requirement", "DOI-8")]
    public async Task Post_SameAddressTwice_AnswersExactlyLikeANewSignUp()
    {
        using var app = new OptinWebFactory();
        var first = await Some.SignUpAsync(app.Client(), Some.Email());
        var again = await Some.SignUpAsync(app.Client(), Some.Email());

        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "DOI-2")]
    public async Task AutoSubmitMode_PageLoadsTheLocalScript_AndGetStillChangesNothing()
    {
        using var app = new OptinWebFactory(("OptinForms:DoubleOptin:ConfirmationMode", "AutoSubmit"));
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        var html = await app.Client().GetStringAsync("/optin/confirm/" + token);

        Assert.Contains("<script src=\"/optin/assets/autosubmit.js\" defer></script>", html);
        Assert.Contains("data-optin-autosubmit=\"true\"", html);
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
    }
}
