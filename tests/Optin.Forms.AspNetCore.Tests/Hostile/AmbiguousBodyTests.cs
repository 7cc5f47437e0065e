using System.Net;
using System.Text;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Hostile;

/// <summary>A JSON body that names a field twice is ambiguous: it is refused, not read one way or the other.</summary>
public sealed class AmbiguousBodyTests
{
    private static async Task<HttpResponseMessage> PostJsonAsync(OptinWebFactory app, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        return await app.Client().SendAsync(request);
    }

    [Theory]
    [Trait("Requirement", "CONS-3")]
    [Trait("Requirement", "SEC-6")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","consent.newsletter":false,"consent.newsletter":true}""")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","consent.newsletter":true,"consent.newsletter":false}""")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","consent.newsletter":true,"consent.newsletter":true}""")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","email":"marie.martin@exemple.fr","consent.newsletter":true}""")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","consent.newsletter":true,"Consent.Newsletter":false}""")]
    [InlineData("""{"EMAIL":"marie.martin@exemple.fr","email":"jean.dupont@exemple.fr","consent.newsletter":true}""")]
    [InlineData("""{"email":"jean.dupont@exemple.fr","consent.newsletter":true,"firstName":"Jean","firstName":["Marie"]}""")]
    public async Task Post_JsonWithADuplicateName_Is400ProblemJson_AndStoresNothing(string json)
    {
        using var app = new OptinWebFactory();
        var response = await PostJsonAsync(app, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task Post_JsonWithUniqueNames_IsStillAccepted()
    {
        using var app = new OptinWebFactory();
        var response = await PostJsonAsync(app, """{"email":"jean.dupont@exemple.fr","consent.newsletter":true,"firstName":"Jean"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var contact = await app.Store.Contacts.QueryAsync(new(), default).SingleAsync();
        Assert.Single(await app.Store.Submissions.ListByContactAsync(contact.Id, default).ToListAsync());
    }
}
