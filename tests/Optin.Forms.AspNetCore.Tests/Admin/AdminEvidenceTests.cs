using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>
/// Proof a judge can read, over HTTP (EVD-1): the box archived is the box the page showed, a JSON post is labelled as a
/// program's, admin actions carry the signed-in identity, and every read of evidence or export is logged.
/// </summary>
[Trait("Requirement", "EVD-1")]
public sealed class AdminEvidenceTests : IDisposable
{
    private const string Key = "test-admin-key-evidence-01";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FormPost_ArchivesTheConsentBoxExactlyAsThePageShowedIt_Unticked()
    {
        var session = new FormSession(_app.Client());
        var page = await (await session.OpenAsync("/optin/forms/newsletter")).Content.ReadAsStringAsync();
        await session.PostAsync("newsletter", ("email", Some.Email("box")), ("consent.newsletter", "true"));
        var given = (await LedgerAsync(await ContactIdAsync("box"))).Single(e => e.Kind == ConsentEventKind.Given);

        Assert.Equal(ConsentMethod.Form, given.Method);
        var box = await _app.Store.Archive.FindContentAsync(given.ConsentBoxSha256!, default);
        Assert.NotNull(box);
        Assert.Equal(ContentKinds.ConsentBox, box.Kind);
        Assert.Contains("type=\"checkbox\"", box.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", box.Content, StringComparison.Ordinal);
        Assert.Contains(box.Content, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonPost_IsRecordedAsApi_WithoutABox()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/forms/newsletter")
        {
            Content = new StringContent("{\"email\":\"" + Some.Email("api") + "\",\"consent.newsletter\":\"true\"}", System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        Assert.Equal(HttpStatusCode.Accepted, (await _app.Client().SendAsync(request)).StatusCode);

        var given = (await LedgerAsync(await ContactIdAsync("api"))).Single(e => e.Kind == ConsentEventKind.Given);

        Assert.Equal(ConsentMethod.Api, given.Method);
        Assert.Null(given.ConsentBoxSha256);
        Assert.NotNull(given.FormSha256);
    }

    [Fact]
    public async Task AdminAction_BodyActorIsIgnored_TheSignedInIdentityIsRecorded()
    {
        await Some.SignUpAsync(_app.Client(), Some.Email("actor"));
        var id = await ContactIdAsync("actor");

        var response = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/restriction",
            new { restricted = true, reason = "Art. 18", actor = "someone-else" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var restricted = (await LedgerAsync(id)).Single(e => e.Kind == ConsentEventKind.ProcessingRestricted);
        Assert.Equal("admin-api-key", restricted.Actor);
    }

    [Fact]
    public async Task EvidenceAndExportReads_AreLoggedWithWhoWhenAndWhichContact()
    {
        await Some.SignUpAsync(_app.Client(), Some.Email("reads"));
        var id = await ContactIdAsync("reads");

        var fr = await Client().GetAsync($"/optin/admin/contacts/{id}/evidence/html");
        var en = await Client().GetAsync($"/optin/admin/contacts/{id}/evidence/html?culture=en");
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/optin/admin/contacts/{id}/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/optin/admin/contacts/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/optin/admin/contacts/{Guid.NewGuid()}/evidence")).StatusCode);

        var frHtml = await fr.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", frHtml, StringComparison.Ordinal);
        Assert.Matches(@"\(UTC&#x2B;0[12]:00, Europe/Paris\)", frHtml); // the sample's DataProtection:TimeZone (winter or summer time)
        Assert.Contains("<html lang=\"en\">", await en.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = await _app.Store.Archive.ReadAccessLogAsync(id, default).ToListAsync();
        Assert.Equal(["evidence.html", "evidence.html", "evidence.json", "export"], log.Select(a => a.Action).ToArray());
        Assert.All(log, a => Assert.Equal("admin-api-key", a.Actor));
        var events = _app.Logs.Events.Where(e => e.Id == 4400).Select(e => e.Message).ToList();
        Assert.Equal(4, events.Count);
        Assert.Contains($"admin-api-key read export of contact {id}", events);
        Assert.DoesNotContain(events, m => m.Contains(Some.Email("reads"), StringComparison.OrdinalIgnoreCase));
    }

    private HttpClient Client()
    {
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private async Task<Guid> ContactIdAsync(string tag)
    {
        var found = JsonDocument.Parse(await (await Client().PostAsJsonAsync("/optin/admin/contacts/search", new { email = Some.Email(tag) }))
            .Content.ReadAsStringAsync()).RootElement;
        return Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
    }

    private async Task<List<ConsentEvent>> LedgerAsync(Guid id) => await _app.Store.Ledger.ReadAsync(id, default).ToListAsync();
}
