using System.Net;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

public sealed class FormEndpointTests
{
    [Fact]
    [Trait("Requirement", "CONS-1")]
    public async Task GetForm_Newsletter_RendersUncheckedConsentWithTextControllerAndPrivacyLink()
    {
        using var app = new OptinWebFactory();
        var response = await app.Client().GetAsync("/optin/forms/newsletter");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<input type=\"checkbox\" id=\"optin-newsletter-consent-newsletter\" name=\"consent.newsletter\" value=\"true\"", html);
        Assert.DoesNotContain("checked", html);
        Assert.Contains(Some.ConsentFr, WebUtility.HtmlDecode(html));
        Assert.Contains("Atelier Dupont SARL", html);
        Assert.Contains("href=\"/confidentialite\"", html);
        Assert.Contains("<label for=\"optin-newsletter-email\">", html);
        Assert.Contains("<fieldset class=\"optin-consents\"", html);
    }

    [Fact]
    public async Task GetForm_CultureQueryEn_RendersEnglishTexts()
    {
        using var app = new OptinWebFactory();
        var html = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/optin/forms/newsletter?culture=en"));

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(Some.ConsentEn, html);
        Assert.Contains("Email address", html);
    }

    [Fact]
    public async Task GetForm_AcceptLanguageEnglish_RendersEnglish_UnsupportedFallsBackToDefault()
    {
        using var app = new OptinWebFactory();
        var client = app.Client();
        var en = new HttpRequestMessage(HttpMethod.Get, "/optin/forms/newsletter");
        en.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.8");
        var de = new HttpRequestMessage(HttpMethod.Get, "/optin/forms/newsletter");
        de.Headers.AcceptLanguage.ParseAdd("de-DE");

        Assert.Contains("<html lang=\"en\">", await (await client.SendAsync(en)).Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fr\">", await (await client.SendAsync(de)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetForm_UnknownForm_Answers404()
    {
        using var app = new OptinWebFactory();
        var response = await app.Client().GetAsync("/optin/forms/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CONS-7")]
    public async Task Post_WithConsent_Answers303ToSuccessPage_AndStoresTheExactRenderedText()
    {
        using var app = new OptinWebFactory();
        var client = app.Client();
        var session = new FormSession(client);
        await session.OpenAsync("/optin/forms/newsletter?culture=en");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("firstName", "Jean"), ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/merci", response.Headers.Location?.OriginalString);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        var consent = await app.Store.Ledger.ReadAsync(contact.Id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Equal(Some.ConsentEn, consent.ConsentText);
        Assert.Equal(Some.PurposeEn, consent.PurposeText);
        Assert.Equal("en", consent.Culture);
        Assert.Equal("https://stand.example/optin/forms/newsletter", consent.SourceUrl);
    }

    [Fact]
    [Trait("Requirement", "CONS-5")]
    public async Task Post_ContactFormWithoutMarketingConsent_IsAccepted_WithoutConsent()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/contact");
        var response = await session.PostAsync("contact", ("email", Some.Email()), ("message", "Un devis pour 40 chaises, s'il vous plaît."));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
        Assert.Empty(await app.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    [Fact]
    public async Task Post_MissingEmail_Answers400_WithErrorTiedToTheField_AndFocusOnIt()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("firstName", "Jean"), ("consent.newsletter", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"optin-newsletter-email-error\" autofocus", html);
        Assert.Contains("<p class=\"optin-error\" id=\"optin-newsletter-email-error\">Ce champ est obligatoire.</p>", html);
        Assert.Contains("value=\"Jean\"", html);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    public async Task Post_AcceptJson_Valid_Answers202()
    {
        using var app = new OptinWebFactory();
        var response = await Some.SignUpAsync(app.Client(), Some.Email(), []);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var json = await session.PostAsync("newsletter", r => r.Headers.Accept.ParseAdd("application/json"),
            ("email", Some.Email("marie")), ("consent.newsletter", "true"));
        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(2, await app.ContactCountAsync());
    }

    [Fact]
    public async Task Post_AcceptJson_Invalid_Answers400ProblemDetailsKeyedByField()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", r => r.Headers.Accept.ParseAdd("application/json"), ("email", "pas-une-adresse"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(SubmissionCodes.InvalidEmail, problem.RootElement.GetProperty("codes").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task Post_JsonBody_Valid_Answers202_WithoutAntiforgery()
    {
        using var app = new OptinWebFactory();
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
        {
            Content = new StringContent("{\"email\":\"" + Some.Email() + "\",\"consent.newsletter\":\"true\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await app.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await app.ContactCountAsync());
    }

    [Fact]
    public async Task LandingPage_Salon_RendersOwnerTemplateAroundTheForm()
    {
        using var app = new OptinWebFactory();
        var html = await app.Client().GetStringAsync("/salon");

        Assert.Contains("Salon Maison &amp; Objet", html);
        Assert.Contains("name=\"consent.newsletter\"", html);
        Assert.Contains("<h1>Merci de votre visite sur notre stand</h1>", html);
        Assert.Contains("value=\"/salon\"", html);
    }

    [Fact]
    public async Task ThankYouPages_Answer200()
    {
        using var app = new OptinWebFactory();
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/merci")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/optin/thanks")).StatusCode);
    }

    [Fact]
    public async Task Fragment_ReturnsTheFormOnly_WithAbsoluteAction()
    {
        using var app = new OptinWebFactory();
        var html = await app.Client().GetStringAsync("/optin/forms/newsletter/fragment");

        Assert.StartsWith("<form", html);
        Assert.Contains("action=\"https://stand.example/optin/forms/newsletter\"", html);
        Assert.DoesNotContain("<html", html);
    }

    [Fact]
    public async Task Assets_ThemeCss_IsServedByThePackage()
    {
        using var app = new OptinWebFactory();
        var response = await app.Client().GetAsync("/optin/assets/optin.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("http", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_LoadNoThirdPartyResources()
    {
        using var app = new OptinWebFactory();
        var html = await app.Client().GetStringAsync("/salon");

        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }
}
