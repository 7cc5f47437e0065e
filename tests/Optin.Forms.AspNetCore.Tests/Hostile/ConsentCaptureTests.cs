using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>CONS: what reaches the ledger from hostile consent values over HTTP.</summary>
public sealed class ConsentCaptureTests
{
    [Theory]
    [Trait("Requirement", "CONS-3")]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("on")]
    [InlineData("yes ")]
    [InlineData("TRUE")]
    [InlineData("true ")]
    [InlineData("1")]
    public async Task Post_ConsentValueNotExactlyTrue_StoresNoConsent(string value)
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", value));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
        Assert.Empty(await app.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task Post_ConsentRepeated_StoresNoConsent()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"), ("consent.newsletter", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Empty(await app.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task Post_UndeclaredPurpose_StoresNoConsentForIt()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/contact");
        await session.PostAsync("contact", ("email", Some.Email()), ("message", "Bonjour"), ("consent.partners", "true"), ("consent.NEWSLETTER", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Empty(await app.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync());
        Assert.Empty(contact.Optins);
    }

    [Fact]
    [Trait("Requirement", "CONS-1")]
    public async Task Post_RefusedWithConsentTicked_ReRendersTheBoxUnchecked()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        var response = await session.PostAsync("newsletter", ("email", "pas une adresse"), ("consent.newsletter", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name=\"consent.newsletter\" value=\"true\"", html);
        Assert.DoesNotContain("checked", html);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Theory]
    [Trait("Requirement", "CONS-1")]
    [InlineData("/salon")]
    [InlineData("/contact")]
    [InlineData("/optin/forms/contact?culture=en")]
    [InlineData("/optin/forms/newsletter/fragment")]
    public async Task EveryPageWithAForm_HasNoCheckedAttribute(string path)
    {
        using var app = new OptinWebFactory();
        var html = await app.Client().GetStringAsync(path);

        Assert.Contains("type=\"checkbox\"", html);
        Assert.DoesNotContain("checked", html);
    }

    [Fact]
    [Trait("Requirement", "CONS-7")]
    public async Task Post_InCultureFr_StoresTheFrenchTextShown()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/salon");
        Assert.Contains(Some.ConsentFr, WebUtility.HtmlDecode(session.Html));
        await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        var consent = await app.Store.Ledger.ReadAsync(contact.Id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Equal(Some.ConsentFr, consent.ConsentText);
        Assert.Equal("https://stand.example/salon", consent.SourceUrl);
    }

    [Fact]
    [Trait("Requirement", "CONS-7")]
    public async Task Post_CultureFieldTampered_FallsBackToASupportedCulture()
    {
        using var app = new OptinWebFactory();
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/newsletter");
        session.Hidden["__optin_culture"] = "xx-<script>";
        await session.PostAsync("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"));

        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        var consent = await app.Store.Ledger.ReadAsync(contact.Id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Equal("fr", consent.Culture);
        Assert.Equal(Some.ConsentFr, consent.ConsentText);
    }
}
