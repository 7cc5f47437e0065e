using System.Net;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>Conditional fields over HTTP: rendered for the script and for readers without it, judged on the server.</summary>
public sealed class FieldConditionEndpointTests
{
    [Fact]
    public async Task Get_FormWithConditions_StatesEachConditionInItsLabel_AndLoadsTheLocalScript_WithoutRequiredForTheBrowser()
    {
        using var app = new OptinWebFactory(ConditionsBrowserFixture.Settings);
        var session = new FormSession(app.Client());

        await session.OpenAsync("/optin/forms/devis");

        var html = session.Html;
        Assert.Contains("<div class=\"optin-field optin-field-number\" data-optin-show-field=\"topic\" data-optin-show-values=\"[&quot;quote&quot;]\">", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"optin-condition\">Seulement si « Votre demande » est « Un devis »</span></label>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"optin-condition\">Seulement si « Je suis un professionnel » est coché</span></label>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"optin-condition\">Seulement si « Vos centres d&#x27;intérêt » comprend « Événements »</span></label>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/optin/assets/conditions.js\" defer></script>", html, StringComparison.Ordinal);
        // Required only once shown: the browser must not ask for it when the script is off and the topic is not a quote.
        Assert.Contains("id=\"optin-devis-budget\" name=\"budget\" data-optin-required", html, StringComparison.Ordinal);
        Assert.Contains("id=\"optin-devis-email\" name=\"email\" required", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EnglishAndAFormWithoutConditions_EnglishStatement_AndNoScriptWhereNothingIsConditional()
    {
        using var app = new OptinWebFactory(ConditionsBrowserFixture.Settings);
        var session = new FormSession(app.Client());

        await session.OpenAsync("/optin/forms/devis?culture=en");
        Assert.Contains("<span class=\"optin-condition\">Only if “Your request” is “A quote”</span>", session.Html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"optin-condition\">Only if “Your interests” includes “Events”</span>", session.Html, StringComparison.Ordinal);

        await session.OpenAsync("/optin/forms/newsletter");
        Assert.DoesNotContain("conditions.js", session.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-optin-show-field", session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsset_ConditionsScript_ServedAsJavaScript()
    {
        using var app = new OptinWebFactory(ConditionsBrowserFixture.Settings);

        var response = await app.Client().GetAsync("/optin/assets/conditions.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-optin-show-field", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HiddenFieldPosted_Dropped_AndTheRequiredFieldNotAskedFor()
    {
        using var app = new OptinWebFactory(ConditionsBrowserFixture.Settings);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/devis");

        // A post made by hand: the topic is not a quote, yet a budget and a company are sent; the required budget is absent... and sent.
        var response = await session.PostAsync("devis", ("email", "cond@exemple.fr"), ("topic", "info"), ("budget", "1500"), ("company", "ACME"),
            ("interests", "news"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var contact = (await app.Store.Contacts.QueryAsync(new Contacts.ContactQuery(), default).ToListAsync()).Single();
        var submission = Assert.Single(await app.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
        Assert.Equal(["email", "interests", "topic"], submission.Values.Keys.Order(StringComparer.Ordinal));
        Assert.False(contact.Fields.ContainsKey("budget"));
        Assert.False(contact.Fields.ContainsKey("company"));
    }

    [Fact]
    public async Task Post_ShownRequiredFieldsMissing_EachRefusedAsRequired_AndNothingStored()
    {
        using var app = new OptinWebFactory(ConditionsBrowserFixture.Settings);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/devis");

        var response = await session.PostAsync("devis", r => r.Headers.Accept.ParseAdd("application/json"),
            ("email", "cond@exemple.fr"), ("topic", "quote"), ("interests", "news"), ("interests", "events"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var codes = problem.RootElement.GetProperty("codes");
        Assert.Equal(["budget", "session"], codes.EnumerateObject().Select(p => p.Name));
        Assert.All(codes.EnumerateObject(), c => Assert.Equal(SubmissionCodes.Required, c.Value[0].GetString()));
        Assert.Equal(0, await app.ContactCountAsync());
    }
}
