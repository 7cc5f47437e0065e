using System.Net;
using System.Text;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>SEC: antiforgery, redirects, hostile characters, limits, headers and logs; refused posts store nothing.</summary>
public sealed class WebSecurityTests
{
    [Fact]
    [Trait("Requirement", "SEC-1")]
    public async Task Post_WithoutAntiforgeryToken_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        session.Hidden.Remove("__RequestVerificationToken");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cette page a expiré", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-1")]
    public async Task Post_TokenWithoutItsCookie_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var stranger = new FormSession(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false })) { };
        var pairs = session.Hidden.Select(h => new KeyValuePair<string, string>(h.Key, h.Value))
            .Append(new("email", Some.Email())).Append(new("consent.newsletter", "true"));
        var response = await stranger.Client.PostAsync("/optin/forms/newsletter", new FormUrlEncodedContent(pairs));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-1")]
    public async Task Post_UrlEncodedAskingForJson_StillNeedsTheToken()
    {
        using var app = new OptinWebFactory();
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
        {
            Content = new FormUrlEncodedContent([new("email", Some.Email()), new("consent.newsletter", "true")]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await app.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Theory]
    [Trait("Requirement", "SEC-2")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://evil.example/phish")]
    [InlineData("http://stand.example/merci")]
    [InlineData("/%0d%0aLocation:%20https://evil.example")]
    public async Task Post_HostileReturnTarget_IsIgnored(string target)
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        session.Hidden["__optin_return"] = target;
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location?.OriginalString;
        Assert.True(location == "/merci" || location == target && target.StartsWith("/%", StringComparison.Ordinal), location);
    }

    [Fact]
    [Trait("Requirement", "SEC-2")]
    public async Task Post_ReturnTargetOnAllowListedHttpsHost_IsFollowed_LocalPathToo()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter?returnUrl=/contact");
        Assert.Equal("/contact", session.Hidden["__optin_return"]);
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        Assert.Equal("/contact", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [Trait("Requirement", "SEC-3")]
    [InlineData("firstName", "Jean\r\nBcc: victim@example.com")]
    [InlineData("firstName", "Jean\0")]
    [InlineData("email", "jean.dupont@exemple.fr\r\nBcc: victim@example.com")]
    [InlineData("email", "jean\0@exemple.fr")]
    [InlineData("firstName", "Je\u200Ban")]
    public async Task Post_ControlCharacters_Are400_AndStoreNothing(string field, string value)
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var fields = new List<(string, string)> { ("consent.newsletter", "true"), (field, value) };
        if (field != "email")
        {
            fields.Add(("email", Some.Email()));
        }

        var response = await session.PostAsync("newsletter", [.. fields]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Theory]
    [Trait("Requirement", "SEC-5")]
    [InlineData("Jean Dupont <jean.dupont@exemple.fr>")]
    [InlineData("jean.dupont@exemple.fr, victim@example.com")]
    [InlineData("jean.dupont@")]
    [InlineData("@exemple.fr")]
    public async Task Post_NotABareAddress_Is400_AndStoresNothing(string email)
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", email), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-5")]
    public async Task Post_AddressTooLong_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", new string('a', 250) + "@exemple.fr"), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_BodyOverTheLimit_Is413_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"),
            ("pad1", new string('x', 7000)), ("pad2", new string('x', 7000)), ("pad3", new string('x', 7000)), ("pad4", new string('x', 7000)),
            ("pad5", new string('x', 7000)), ("pad6", new string('x', 7000)), ("pad7", new string('x', 7000)), ("pad8", new string('x', 7000)),
            ("pad9", new string('x', 7000)), ("pad10", new string('x', 7000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_ChunkedBodyOverTheLimit_Is413_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var body = "email=" + Some.Email() + "&x=" + new string('x', 100_000);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await session.Client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_TooManyFields_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var fields = Enumerable.Range(0, 80).Select(i => ("f" + i, "v")).Append(("email", Some.Email())).ToArray();
        var response = await session.PostAsync("newsletter", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_FieldOverTheLengthLimit_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("firstName", new string('x', 9000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_MultipartWithAFile_Is400_AndStoresNothing()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in session.Hidden)
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new StringContent(Some.Email()), "email");
        content.Add(new ByteArrayContent([1, 2, 3]), "cv", "cv.pdf");
        var response = await session.Client.PostAsync("/optin/forms/newsletter", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-6")]
    public async Task Post_Multipart_WithinLimits_IsAccepted()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in session.Hidden)
        {
            content.Add(new StringContent(value), key);
        }

        content.Add(new StringContent(Some.Email()), "email");
        content.Add(new StringContent("true"), "consent.newsletter");
        var response = await session.Client.PostAsync("/optin/forms/newsletter", content);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Theory]
    [Trait("Requirement", "SEC-6")]
    [InlineData("text/plain", "email=jean.dupont@exemple.fr")]
    [InlineData("application/json", "[\"jean.dupont@exemple.fr\"]")]
    [InlineData("application/json", "{\"email\":{\"nested\":\"x\"}}")]
    [InlineData("application/json", "{\"email\":")]
    public async Task Post_UnsupportedOrMalformedBody_IsRefused_AndStoresNothing(string type, string body)
    {
        using var app = new OptinWebFactory();
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter") { Content = new StringContent(body, Encoding.UTF8, type) };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await app.Client().SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, response.StatusCode.ToString());
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "SEC-7")]
    public async Task Post_ForgedHostHeader_DoesNotReachTheStoredSourceUrl()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/salon");
        await session.PostAsync("newsletter", r => r.Headers.Host = "evil.example", ("email", Some.Email()), ("consent.newsletter", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new(), default).SingleAsync();
        var consent = await app.Store.Ledger.ReadAsync(contact.Id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Equal("https://stand.example/salon", consent.SourceUrl);
    }

    [Fact]
    [Trait("Requirement", "SEC-8")]
    public async Task Logs_HoldNeitherAddressesNorTokens()
    {
        using var app = new OptinWebFactory();
        await Some.SignUpAsync(app.Client(), Some.Email("secret"));
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        await session.PostAsync("newsletter", ("email", "secret-bad@"));
        var token = app.DoubleOptin.Issue(TokenKind.Confirm);
        await app.Client().GetAsync("/optin/confirm/" + token);
        await app.Client().PostAsync("/optin/confirm/" + token, new FormUrlEncodedContent([]));

        Assert.NotEmpty(app.Logs.Messages);
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("secret", StringComparison.OrdinalIgnoreCase) || m.Contains(token, StringComparison.Ordinal));
    }

    [Theory]
    [Trait("Requirement", "SEC-9")]
    [InlineData("/optin/confirm/")]
    [InlineData("/optin/unsubscribe/")]
    public async Task TokenPages_SendNoReferrerNoStoreAndCsp(string path)
    {
        using var app = new OptinWebFactory();
        var token = app.DoubleOptin.Issue(path.Contains("confirm", StringComparison.Ordinal) ? TokenKind.Confirm : TokenKind.Unsubscribe);
        var client = app.Client();
        foreach (var response in new[] { await client.GetAsync(path + token), await client.GetAsync(path + "unknown-token-000000000") })
        {
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task Post_MarkupInAField_IsEncodedWhenShownAgain()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", "bad"), ("firstName", "\"><script>alert(1)</script>"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Equal(0, await app.ContactCountAsync());
    }
}
