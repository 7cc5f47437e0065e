using System.Net;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Browser;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>The new kinds over HTTP: a JSON answer names each field's own limits in the visitor's language.</summary>
public sealed class FieldKindEndpointTests
{
    [Fact]
    public async Task Post_AcceptJson_OutOfBoundsAndDuplicateChoice_EachFieldWithItsCodeAndLocalisedMessage()
    {
        using var app = new OptinWebFactory(FieldKindsBrowserFixture.Settings);
        var session = new FormSession(app.Client());
        await session.OpenAsync("/optin/forms/kinds");

        var response = await session.PostAsync("kinds", r => r.Headers.Accept.ParseAdd("application/json"),
            ("email", "kinds@exemple.fr"), ("topic", "quote"), ("interests", "news"), ("interests", "news"), ("seats", "11"),
            ("visit", "2026-06-01"), ("phone", "+33 6 12 34 56 78"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var codes = problem.RootElement.GetProperty("codes");
        Assert.Equal(SubmissionCodes.DuplicateChoice, codes.GetProperty("interests")[0].GetString());
        Assert.Equal(SubmissionCodes.OutOfRange, codes.GetProperty("seats")[0].GetString());
        Assert.Equal(["interests", "seats"], codes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Saisissez un nombre entre 1 et 10.", problem.RootElement.GetProperty("errors").GetProperty("seats")[0].GetString());
        Assert.Equal(0, await app.ContactCountAsync());
    }
}
