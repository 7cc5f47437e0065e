using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>The admin API's rights endpoints over HTTP, on the real engine: evidence, export, erasure, rectification, restriction.</summary>
public sealed class AdminRightsApiTests : IDisposable
{
    private const string Key = "test-admin-key-rights-0123";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key)) { RealDoubleOptin = true };

    public void Dispose() => _app.Dispose();

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task Evidence_AfterASignUp_ChainsTheSubmissionAndTheSentEmailWithItsMessageIdAndTemplateHash()
    {
        var id = await SignUpAsync("evidence");
        var email = Assert.Single(await _app.WaitForEmailsAsync(Some.Email("evidence"), 1));
        var events = JsonDocument.Parse("{}").RootElement;
        for (var i = 0; i < 100; i++)
        {
            // The job is marked done (and the EmailSent entry committed) just after the pickup file is written.
            events = (await Json(await Client().GetAsync($"/optin/admin/contacts/{id}/evidence"))).GetProperty("events");
            if (events.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "EmailSent"))
            {
                break;
            }

            await Task.Delay(50);
        }

        var response = await Client().GetAsync($"/optin/admin/contacts/{id}/evidence");
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("optin.evidence/1", body.GetProperty("schema").GetString());
        Assert.Single(body.GetProperty("submissions").EnumerateArray());
        var given = events.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Given");
        Assert.Equal(Some.ConsentFr, given.GetProperty("consentText").GetString());
        var sent = events.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "EmailSent");
        Assert.Equal(email.MessageId, sent.GetProperty("messageId").GetString()?.Trim('<', '>'));
        Assert.Matches("^[0-9a-f]{64}$", sent.GetProperty("templateSha256").GetString());
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task EvidenceHtml_IsOnePrintablePage_WithTheConsentText()
    {
        var id = await SignUpAsync("printable");

        var response = await Client().GetAsync($"/optin/admin/contacts/{id}/evidence/html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Some.ConsentFr, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain(Some.ConsentFr, html, StringComparison.Ordinal); // encoded: the apostrophe is an entity
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Requirement", "DSR-6")]
    public async Task AccessReport_IsAPrintablePageInTheDefaultCultureOrTheOneAsked_UnderAStrictPolicy_AndUnknownContactsAre404()
    {
        var id = await SignUpAsync("access");

        var response = await Client().GetAsync($"/optin/admin/contacts/{id}/access");
        var french = await response.Content.ReadAsStringAsync();
        var english = await (await Client().GetAsync($"/optin/admin/contacts/{id}/access?culture=en")).Content.ReadAsStringAsync();
        var unknown = await Client().GetAsync($"/optin/admin/contacts/{Guid.NewGuid()}/access");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Claire Martin", WebUtility.HtmlDecode(french), StringComparison.Ordinal); // the sample's DPO
        Assert.Contains("CNIL", french, StringComparison.Ordinal);
        Assert.Contains("vos données seront effacées le", WebUtility.HtmlDecode(french), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("your data will be erased on", english, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", french, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http-equiv=\"refresh\"", french, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "DSR-1")]
    public async Task Export_IsAnAttachmentWithTheVersionedSchema_AndUnknownContactsAre404()
    {
        var id = await SignUpAsync("export");

        var response = await Client().GetAsync($"/optin/admin/contacts/{id}/export");
        var body = await Json(response);
        var portable = await Json(await Client().GetAsync($"/optin/admin/contacts/{id}/export/portable"));
        var unknown = await Client().GetAsync($"/optin/admin/contacts/{Guid.NewGuid()}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("optin.export/1", body.GetProperty("schema").GetString());
        Assert.Contains(Some.Email("export"), body.ToString(), StringComparison.Ordinal);
        Assert.Equal("optin.portable/1", portable.GetProperty("schema").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(unknown.Content.Headers.ContentDisposition);
    }

    [Theory]
    [Trait("Requirement", "DSR-4")]
    [InlineData("/evidence")]
    [InlineData("/evidence/html")]
    [InlineData("/export")]
    [InlineData("/export/portable")]
    [InlineData("/access")]
    public async Task RightsDocuments_WithoutTheKey_Answer401(string suffix)
    {
        var id = await SignUpAsync("nokey");

        var response = await _app.Client().GetAsync($"/optin/admin/contacts/{id}{suffix}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("nokey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    [Trait("Requirement", "RET-3")]
    public async Task Erase_ReportsWhatWasKept_TheContactIsGone_AndTheAddressIsSuppressed()
    {
        var id = await SignUpAsync("erase");
        Assert.Single(await _app.WaitForEmailsAsync(Some.Email("erase"), 1));

        var refused = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/erase", new { actor = "dpo" });
        var stillThere = await Client().GetAsync($"/optin/admin/contacts/{id}");
        var response = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/erase", new { reason = "DataSubjectRequest", reference = "DPO-2026-11-12" });
        var report = await Json(response);
        var lookup = await Json(await Client().PostAsJsonAsync("/optin/admin/suppression/lookup", new { email = Some.Email("erase") }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report.GetProperty("removed").GetProperty("contact").GetInt64());
        Assert.Contains(report.GetProperty("kept").EnumerateArray(), k => k.GetProperty("what").GetString() == "tombstone");
        Assert.True(lookup.GetProperty("suppressed").GetBoolean());
        await _app.Services.GetRequiredService<Optin.Forms.Jobs.JobRunner>().RunDueJobsAsync(default);

        // The pickup sender's file of the confirmation email went with the person (DSR-5), and nothing was sent since.
        Assert.Equal(1, report.GetProperty("removed").GetProperty("pickupFiles").GetInt64());
        Assert.Empty(_app.EmailsTo(Some.Email("erase")));
    }

    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task Rectify_TheNewAddressGetsADoubleOptinEmail_AndATakenAddressIs409()
    {
        var id = await SignUpAsync("old");
        var other = await SignUpAsync("taken");

        var response = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/email", new { email = Some.Email("new"), reason = "typo reported by phone" });
        var taken = await Client().PutAsJsonAsync($"/optin/admin/contacts/{other}/email", new { email = Some.Email("new"), reason = "r" });
        var invalid = await Client().PutAsJsonAsync($"/optin/admin/contacts/{other}/email", new { email = "not an address", reason = "r" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Some.Email("new"), (await _app.Store.Contacts.FindAsync(id, default))!.Email);
        Assert.Single(await _app.WaitForEmailsAsync(Some.Email("new"), 1));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(Some.Email("taken"), (await _app.Store.Contacts.FindAsync(other, default))!.Email);
    }

    [Fact]
    public async Task Restriction_BlocksAnOptinByHand_UntilLifted()
    {
        var id = await SignUpAsync("restricted");
        var optin = new { state = "OptedIn", reason = "paper form", legalBasis = "consent" };

        var restrict = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/restriction", new { restricted = true, reason = "Art. 18: accuracy contested" });
        var refused = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/optins/newsletter", optin);
        var problem = await Json(refused);
        var missing = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/restriction", new { reason = "r" });
        var lift = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/restriction", new { restricted = false, reason = "checked" });
        var accepted = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/optins/newsletter", optin);

        Assert.Equal(HttpStatusCode.OK, restrict.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(SubmissionCodes.Restricted, problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(OptinState.OptedIn, (await _app.Store.Contacts.FindAsync(id, default))!.GetState("newsletter"));
    }

    private HttpClient Client()
    {
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private async Task<Guid> SignUpAsync(string tag)
    {
        var response = await Some.SignUpAsync(_app.Client(), Some.Email(tag));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var found = await Json(await Client().PostAsJsonAsync("/optin/admin/contacts/search", new { email = Some.Email(tag) }));
        return Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [Trait("Requirement", "DSR-5")]
    [InlineData("{\"reason\":\"Art. 17 request from Jean Dupont\"}", "reason")]
    [InlineData("{\"reason\":\"DataSubjectRequest\",\"reference\":\"Jean Dupont\"}", "reference")]
    [InlineData("{\"reason\":\"data-subject-request\",\"reference\":\"jean.dupont@exemple.fr\"}", "reference")]
    public async Task Erase_FreeTextReasonOrANameInTheReference_Is400AndErasesNothing(string body, string field)
    {
        var id = await SignUpAsync("badreason");

        var response = await Client().PostAsync($"/optin/admin/contacts/{id}/erase",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        var contact = await Json(await Client().GetAsync($"/optin/admin/contacts/{id}"));
        Assert.Equal(Some.Email("badreason"), contact.GetProperty("email").GetString());
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task ContactAndEvidence_AfterErasure_AnswerTheTombstone_AndAnUnknownIdIs404()
    {
        var id = await SignUpAsync("tombstone");
        var erase = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/erase",
            new { actor = "dpo@atelier-dupont.example", reason = "consent-withdrawn", reference = "zendesk#4812" });
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var erasedAt = (await Json(erase)).GetProperty("erasedAt").GetString();

        foreach (var path in new[] { "", "/evidence", "/evidence/html" })
        {
            var response = await Client().GetAsync($"/optin/admin/contacts/{id}{path}");
            var tombstone = await Json(response);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(tombstone.GetProperty("erased").GetBoolean());
            Assert.Equal(erasedAt, tombstone.GetProperty("erasedAt").GetString());
            Assert.Equal("ConsentWithdrawn", tombstone.GetProperty("reason").GetString());
            Assert.Equal("consent-withdrawn", tombstone.GetProperty("reasonCode").GetString());
            Assert.Equal("zendesk#4812", tombstone.GetProperty("reference").GetString());
            Assert.Equal("admin-api-key", tombstone.GetProperty("actor").GetString()); // the signed-in identity, not the body's (EVD-1)
            Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/optin/admin/contacts/{Guid.NewGuid()}{path}")).StatusCode);
        }
    }
}
