using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>
/// The whole flow over HTTP with the engine's own double opt-in service, rule engine, job runner and pickup-directory
/// mail: the links come from the emails the engine wrote.
/// </summary>
public sealed partial class EndToEndFlowTests
{
    [Fact]
    [Trait("Requirement", "DOI-2")]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "WD-1")]
    [Trait("Requirement", "WD-2")]
    public async Task SubmitEmailConfirmWelcomeUnsubscribe_WithTheRealEngine()
    {
        using var app = new OptinWebFactory { RealDoubleOptin = true };
        var client = app.Client();
        var address = Some.Email();

        var submitted = await Some.SignUpAsync(client, address);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        var confirmation = Assert.Single(await app.WaitForEmailsAsync(address, 1));
        var confirmLink = Link(confirmation, "confirm");
        Assert.StartsWith("https://stand.example/optin/confirm/", confirmLink, StringComparison.Ordinal);
        var path = new Uri(confirmLink).AbsolutePath;

        // A mail scanner's GETs (and HEAD) change nothing (DOI-2).
        var session = new FormSession(client);
        Assert.Equal(HttpStatusCode.OK, (await session.OpenAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.OpenAsync(path)).StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));

        var form = session.Hidden.Where(h => h.Key != "intent");
        var confirmed = await client.PostAsync(path, new FormUrlEncodedContent(form));
        var again = await client.PostAsync(path, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        contact = (await app.Store.Contacts.FindAsync(contact.Id, default))!;
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));
        var events = await app.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync();
        Assert.Single(events, e => e.Kind == ConsentEventKind.Confirmed);

        var welcome = Assert.Single(await app.WaitForEmailsAsync(address, 2), m => m.MessageId != confirmation.MessageId);
        var listUnsubscribe = welcome.Headers[HeaderId.ListUnsubscribe] ?? string.Empty;
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        var unsubscribeLink = UnsubscribeHeader().Match(listUnsubscribe).Groups[1].Value;
        Assert.StartsWith("https://stand.example/optin/unsubscribe/", unsubscribeLink, StringComparison.Ordinal);

        // RFC 8058: a mail client posts without cookies and must not be redirected (WD-2).
        var mailClient = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = await mailClient.PostAsync(new Uri(unsubscribeLink).AbsolutePath,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Null(oneClick.Headers.Location);
        contact = (await app.Store.Contacts.FindAsync(contact.Id, default))!;
        Assert.Equal(OptinState.Withdrawn, contact.GetState("newsletter"));
    }

    private static string Link(MimeMessage message, string kind)
    {
        var text = message.TextBody ?? string.Empty;
        var match = Regex.Match(text, @"https://stand\.example/optin/" + kind + @"/[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"no {kind} link in: {text}");
        return match.Value;
    }

    [GeneratedRegex("<(https://[^>]+)>")]
    private static partial Regex UnsubscribeHeader();
}
