using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>
/// #20: the preference page over HTTP with the engine's own services, the sample's SQLite store and its pickup-directory
/// mail: the link comes from the welcome email the engine wrote.
/// </summary>
public sealed partial class PreferencePageTests
{
    private const string VisitorIp = "203.0.113.45";
    private const string VisitorAgent = "Mozilla/5.0 (preferences test)";

    /// <summary>Signs up, confirms, and returns the preference page's path from the welcome email.</summary>
    private static async Task<(Contact Contact, string Path, MimeMessage Welcome)> ConfirmedAsync(OptinWebFactory app, HttpClient client)
    {
        var address = "jeanne." + Guid.NewGuid().ToString("N")[..8] + "@exemple.fr";
        Assert.Equal(HttpStatusCode.SeeOther, (await Some.SignUpAsync(client, address)).StatusCode);
        var confirmation = Assert.Single(await app.WaitForEmailsAsync(address, 1));
        var confirm = new Uri(Link(confirmation, "confirm")).AbsolutePath;
        var session = new FormSession(client);
        await session.OpenAsync(confirm);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostAsync(confirm, new FormUrlEncodedContent(session.Hidden.Where(h => h.Key != "intent")))).StatusCode);
        var welcome = Assert.Single(await app.WaitForEmailsAsync(address, 2), m => m.MessageId != confirmation.MessageId);
        var contact = (await app.Store.Contacts.FindByEmailKeyAsync(address, default))!;
        return (contact, new Uri(Link(welcome, "preferences")).AbsolutePath, welcome);
    }

    private static string Link(MimeMessage message, string kind)
    {
        var match = Regex.Match(message.TextBody ?? string.Empty, @"https://stand\.example/optin/" + kind + @"/[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"no {kind} link in: {message.TextBody}");
        return match.Value;
    }

    private static async Task<List<ConsentEvent>> LedgerAsync(OptinWebFactory app, Guid contactId) =>
        await app.Store.Ledger.ReadAsync(contactId, default).ToListAsync();

    /// <summary>Posts the page's form for <paramref name="intent"/> with its antiforgery token, as the browser would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(FormSession session, string path, string intent, string? purpose = null)
    {
        var token = session.Hidden.First(h => h.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal) || h.Key.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
        List<KeyValuePair<string, string>> fields = [new(token.Key, token.Value), new("intent", intent)];
        if (purpose is not null)
        {
            fields.Add(new("purpose", purpose));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(OptinWebFactory.TestIpHeader, VisitorIp);
        request.Headers.UserAgent.ParseAdd(VisitorAgent);
        return await session.Client.SendAsync(request);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    [Trait("Requirement", "WD-3")]
    [Trait("Requirement", "WD-7")]
    public async Task MarketingEmail_LinksToThePage_WhichShowsWhatWasAgreed_InFrench_AndGetChangesNothing()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, welcome) = await ConfirmedAsync(app, client);
        var before = await LedgerAsync(app, contact.Id);

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var html = await get.Content.ReadAsStringAsync();

        Assert.StartsWith("/optin/preferences/", path, StringComparison.Ordinal);
        Assert.Contains("https://stand.example" + path, welcome.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Vos préférences</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>j•••@exemple.fr</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(contact.Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("jeanne", html, StringComparison.OrdinalIgnoreCase);
        var confirmed = before.Single(e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Contains("<li data-purpose=\"newsletter\">", html, StringComparison.Ordinal);
        Assert.Contains(Encode(confirmed.ConsentText!), html, StringComparison.Ordinal);
        Assert.Contains("Accepté le <time datetime=\"2026-11-12\">12 novembre 2026</time>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\" value=\"withdraw\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\" value=\"withdraw-all\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"intent\" value=\"object\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<input type=\"email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Equal(Http.SecurityHeaders.ContentSecurityPolicy, get.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
        Assert.Equal(before, await LedgerAsync(app, contact.Id));
        Assert.Equal(OptinState.OptedIn, (await app.Store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
    }

    [Fact]
    public async Task Page_InEnglish_WhenAsked()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (_, path, _) = await ConfirmedAsync(app, client);

        var html = await client.GetStringAsync(path + "?culture=en");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Your preferences</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Given on <time datetime=\"2026-11-12\">12 November 2026</time>", html, StringComparison.Ordinal);
        Assert.Contains(">Withdraw this consent</button>", html, StringComparison.Ordinal);
        Assert.Contains(">I object to direct marketing</button>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>j•••@exemple.fr</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task PostWithdraw_WritesTheLedgerWithProof_AndShowsTheNewState()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, _) = await ConfirmedAsync(app, client);
        var session = new FormSession(client);
        await session.OpenAsync(path);

        var response = await PostAsync(session, path, "withdraw", "newsletter");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"status\">" + Encode("C'est enregistré."), html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-purpose=\"newsletter\"", html, StringComparison.Ordinal);
        Assert.Contains(Encode("Vous n'avez plus aucun consentement"), html, StringComparison.Ordinal);
        Assert.Equal(OptinState.Withdrawn, (await app.Store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
        var withdrawn = Assert.Single(await LedgerAsync(app, contact.Id), e => e.Kind == ConsentEventKind.Withdrawn);
        AssertProof(withdrawn, "preference-page");
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task PostWithdrawAll_WritesTheLedgerWithProof()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, _) = await ConfirmedAsync(app, client);
        var session = new FormSession(client);
        await session.OpenAsync(path);

        var response = await PostAsync(session, path, "withdraw-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OptinState.Withdrawn, (await app.Store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
        AssertProof(Assert.Single(await LedgerAsync(app, contact.Id), e => e.Kind == ConsentEventKind.Withdrawn), "preference-page-all");
        Assert.DoesNotContain("value=\"withdraw-all\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task PostObject_RecordsTheObjectionWithProof_AndThePageSaysSo()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, _) = await ConfirmedAsync(app, client);
        var session = new FormSession(client);
        await session.OpenAsync(path);

        var response = await PostAsync(session, path, "object");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vous vous êtes opposé à la prospection commerciale", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"object\"", html, StringComparison.Ordinal);
        var updated = (await app.Store.Contacts.FindAsync(contact.Id, default))!;
        Assert.True(updated.ObjectedToMarketing);
        Assert.Equal(OptinState.Withdrawn, updated.GetState("newsletter"));
        AssertProof(Assert.Single(await LedgerAsync(app, contact.Id), e => e.Kind == ConsentEventKind.Objected && e.PurposeId == "newsletter"), "objection");
    }

    public static TheoryData<string> Refused() => ["no-antiforgery", "no-intent", "subscribe", "withdraw-without-purpose", "two-intents", "json"];

    [Theory]
    [Trait("Requirement", "WD-3")]
    [MemberData(nameof(Refused))]
    public async Task Post_WithoutThePagesTokenOrWithAnotherIntent_Is400_AndChangesNothing(string kind)
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, _) = await ConfirmedAsync(app, client);
        var session = new FormSession(client);
        await session.OpenAsync(path);
        var before = await LedgerAsync(app, contact.Id);
        var antiforgery = session.Hidden.First(h => h.Key != "intent" && h.Key != "purpose");
        HttpContent content = kind switch
        {
            "no-antiforgery" => new FormUrlEncodedContent([new("intent", "withdraw-all")]),
            "no-intent" => new FormUrlEncodedContent([antiforgery]),
            "subscribe" => new FormUrlEncodedContent([antiforgery, new("intent", "subscribe"), new("purpose", "newsletter")]),
            "withdraw-without-purpose" => new FormUrlEncodedContent([antiforgery, new("intent", "withdraw")]),
            "two-intents" => new FormUrlEncodedContent([antiforgery, new("intent", "withdraw-all"), new("intent", "object")]),
            _ => new StringContent("{\"intent\":\"withdraw-all\"}", System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LedgerAsync(app, contact.Id));
        Assert.Equal(OptinState.OptedIn, (await app.Store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "WD-7")]
    public async Task UnknownRevokedOrOtherKindOfToken_IsAClear404_NeverA500()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var (contact, path, welcome) = await ConfirmedAsync(app, client);
        var unsubscribe = new Uri(Link(welcome, "unsubscribe")).AbsolutePath.Replace("/unsubscribe/", "/preferences/", StringComparison.Ordinal);

        var unknown = await client.GetAsync("/optin/preferences/" + new string('A', 43));
        var malformed = await client.GetAsync("/optin/preferences/%E2%80%A2%3Cscript%3E");
        var otherKind = await client.GetAsync(unsubscribe);
        var services = app.Services.GetService(typeof(Optin.Forms.Rights.PersonalDataService)) as Optin.Forms.Rights.PersonalDataService;
        Assert.True((await services!.RectifyEmailAsync(contact.Id, "autre." + Guid.NewGuid().ToString("N")[..6] + "@exemple.fr", "support", "Art. 16", default)).Succeeded);
        var revoked = await client.GetAsync(path);
        var revokedPost = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        foreach (var response in new[] { unknown, malformed, otherKind, revoked })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("<h1>Lien invalide ou expiré</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, revokedPost.StatusCode);
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    private static void AssertProof(ConsentEvent e, string reason)
    {
        Assert.Equal(ConsentMethod.EmailLink, e.Method);
        Assert.Equal(reason, e.Reason);
        Assert.False(string.IsNullOrEmpty(e.IpAddress));
        Assert.StartsWith("203.0.113.", e.IpAddress, StringComparison.Ordinal);
        Assert.Equal(VisitorAgent, e.UserAgent);
    }
}
