using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>
/// OptinForms:PathPrefix moves every link the engine writes, in its emails and on its pages, and those links work end to
/// end with the real engine.
/// </summary>
public sealed partial class PathPrefixFlowTests
{
    [Fact]
    [Trait("Requirement", "SEC-7")]
    [Trait("Requirement", "WD-1")]
    [Trait("Requirement", "WD-2")]
    public async Task SignUpConfirmUnsubscribe_PathPrefixConsent_EveryLinkUsesItAndWorks()
    {
        using var app = new OptinWebFactory(("OptinForms:PathPrefix", "/consent")) { RealDoubleOptin = true };
        var client = app.Client();
        var address = Some.Email("prefix");

        var session = new FormSession(client);
        await session.OpenAsync("/consent/forms/newsletter");
        Assert.Contains("action=\"/consent/forms/newsletter\"", session.Html, StringComparison.Ordinal);
        var fields = session.Hidden.Select(h => new KeyValuePair<string, string>(h.Key, h.Value))
            .Append(new("email", address)).Append(new("consent.newsletter", "true"));
        var submitted = await client.PostAsync("/consent/forms/newsletter", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);

        var confirmation = Assert.Single(await app.WaitForEmailsAsync(address, 1));
        var confirmLink = Link(confirmation.TextBody, "confirm");
        Assert.Contains(confirmLink, confirmation.HtmlBody, StringComparison.Ordinal);
        var confirmPath = new Uri(confirmLink).AbsolutePath;
        var page = new FormSession(client);
        Assert.Equal(HttpStatusCode.OK, (await page.OpenAsync(confirmPath)).StatusCode);
        Assert.Contains($"action=\"{confirmPath}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/consent/assets/optin.css\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/optin/", page.Html, StringComparison.Ordinal);
        var confirmed = await client.PostAsync(confirmPath, new FormUrlEncodedContent(page.Hidden.Where(h => h.Key != "intent")));
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.OptedIn, contact.GetState("newsletter"));

        var welcome = Assert.Single(await app.WaitForEmailsAsync(address, 2), m => m.MessageId != confirmation.MessageId);
        var header = UnsubscribeHeader().Match(welcome.Headers[HeaderId.ListUnsubscribe] ?? string.Empty).Groups[1].Value;
        Assert.StartsWith("https://stand.example/consent/unsubscribe/", header, StringComparison.Ordinal);
        Assert.Equal(header, Link(welcome.TextBody, "unsubscribe"));
        Assert.Contains(header, welcome.HtmlBody, StringComparison.Ordinal);
        var unsubscribePath = new Uri(header).AbsolutePath;
        var unsubscribePage = await client.GetStringAsync(unsubscribePath);
        Assert.Contains($"action=\"{unsubscribePath}\"", unsubscribePage, StringComparison.Ordinal);
        Assert.DoesNotContain("/optin/", unsubscribePage, StringComparison.Ordinal);

        var mailClient = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = await mailClient.PostAsync(unsubscribePath, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(OptinState.Withdrawn, (await app.Store.Contacts.FindAsync(contact.Id, default))!.GetState("newsletter"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/optin/unsubscribe/" + unsubscribePath.Split('/')[^1])).StatusCode);
    }

    private static string Link(string? text, string kind)
    {
        var match = Regex.Match(text ?? string.Empty, @"https://stand\.example/consent/" + kind + @"/[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"no /consent/{kind} link in: {text}");
        return match.Value;
    }

    [GeneratedRegex("<(https://[^>]+)>")]
    private static partial Regex UnsubscribeHeader();
}
