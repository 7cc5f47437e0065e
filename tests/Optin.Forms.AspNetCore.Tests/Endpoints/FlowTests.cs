using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>
/// The visitor's path over HTTP. The double opt-in service is a fake here (the real one lives in the core and is
/// wired by the host): the emailed links are stood in for by tokens the fake issues.
/// </summary>
public sealed class FlowTests
{
    [Fact]
    [Trait("Requirement", "DOI-2")]
    public async Task SubmitThenConfirmThenOneClickUnsubscribe_OverHttp()
    {
        using var app = new OptinWebFactory();
        var client = app.Client();
        var submitted = await Some.SignUpAsync(client, Some.Email());
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(submitted.Headers.Location)).StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));

        var confirm = app.DoubleOptin.Issue(TokenKind.Confirm);
        var session = new FormSession(client);
        Assert.Equal(HttpStatusCode.OK, (await session.OpenAsync("/optin/confirm/" + confirm)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.OpenAsync("/optin/confirm/" + confirm)).StatusCode);
        Assert.Equal(0, app.DoubleOptin.Count("Confirm"));
        var form = session.Hidden.Where(h => h.Key != "intent");
        var confirmed = await client.PostAsync("/optin/confirm/" + confirm, new FormUrlEncodedContent(form));
        var again = await client.PostAsync("/optin/confirm/" + confirm, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        var unsubscribe = app.DoubleOptin.Issue(TokenKind.Unsubscribe);
        var stranger = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = await stranger.PostAsync("/optin/unsubscribe/" + unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Null(oneClick.Headers.Location);
    }

    [Fact]
    public async Task TrustedProxy_ForwardedForIsUsedAsTheClientAddress()
    {
        using var app = new OptinWebFactory(("OptinForms:DataProtection:IpAddress", "Full"))
        {
            ConfigureServicesExtra = s => s.Configure<OptinFormsWebOptions>(o => o.TrustedProxies.Add(IPAddress.Parse("10.0.0.5"))),
        };
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        await session.PostAsync("newsletter", r => { r.Headers.Add(OptinWebFactory.TestIpHeader, "10.0.0.5"); r.Headers.Add("X-Forwarded-For", "198.51.100.23, 10.0.0.5"); },
            ("email", Some.Email()), ("consent.newsletter", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        var consent = await app.Store.Ledger.ReadAsync(contact.Id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Equal("198.51.100.23", consent.IpAddress);
    }

    [Fact]
    public async Task DevelopmentOutbox_ListsPickupEmailsWithTheirLinks()
    {
        var directory = Path.Combine(Path.GetTempPath(), "optin-outbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var message = new MimeKit.MimeMessage { Subject = "Confirmez votre inscription" };
            message.From.Add(MimeKit.MailboxAddress.Parse("bonjour@atelier-dupont.example"));
            message.To.Add(MimeKit.MailboxAddress.Parse(Some.Email()));
            message.Body = new MimeKit.TextPart("plain") { Text = "Confirmez : https://stand.example/optin/confirm/abcdefghijklmnopqrstuvwxyz012345" };
            await message.WriteToAsync(Path.Combine(directory, "one.eml"));
            using var app = new OptinWebFactory(("OptinForms:Mail:Pickup:Directory", directory));

            var html = await app.Client().GetStringAsync("/dev/outbox");

            Assert.Contains("Confirmez votre inscription", html);
            Assert.Contains("href=\"https://stand.example/optin/confirm/abcdefghijklmnopqrstuvwxyz012345\"", html);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
