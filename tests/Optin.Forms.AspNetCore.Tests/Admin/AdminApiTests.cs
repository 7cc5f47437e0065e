using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>The admin API of the sample (API key) over HTTP: protection, search, opt-in by hand and in bulk, suppression.</summary>
public sealed class AdminApiTests : IDisposable
{
    private const string Key = "test-admin-key-0123456789";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key));

    public void Dispose() => _app.Dispose();

    [Theory]
    [Trait("Requirement", "DSR-4")]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Admin_WithoutTheKey_Answers401AndRevealsNothing(string? key)
    {
        var id = await AddContactAsync("secret");
        var client = Client(key);

        var get = await client.GetAsync($"/optin/admin/contacts/{id}");
        var search = await client.PostAsJsonAsync("/optin/admin/contacts/search", new { email = Some.Email("secret") });

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, search.StatusCode);
        Assert.DoesNotContain("secret", await get.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", await search.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Admin_WithNoKeyConfigured_RefusesEvenAnEmptyKey()
    {
        using var app = new OptinWebFactory();
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");

        var response = await client.PostAsJsonAsync("/optin/admin/contacts/search", new { limit = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Admin_Disabled_IsNotMapped()
    {
        using var app = new OptinWebFactory(("Sample:AdminApiKey", Key), ("OptinForms:Admin:Enabled", "false"));
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.PostAsJsonAsync("/optin/admin/contacts/search", new { limit = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Admin_EnabledWithoutAPolicy_StopsTheHostAtStart()
    {
        using var app = new OptinWebFactory(("OptinForms:Admin:AuthorizationPolicy", ""));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Client());

        Assert.Contains("OptinForms:Admin:AuthorizationPolicy", error.Message);
    }

    [Fact]
    public async Task Search_ByEmail_FindsTheContactWhateverTheCase_AndAnswersNoStore()
    {
        var id = await AddContactAsync("marie");

        var response = await Client().PostAsJsonAsync("/optin/admin/contacts/search", new { email = Some.Email("MARIE").ToUpperInvariant() });
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal(Some.Email("marie"), item.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Search_ByQuery_PagesInAStableOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            await AddContactAsync("page" + i);
        }

        var first = await Json(await Client().PostAsJsonAsync("/optin/admin/contacts/search", new { query = new { kind = "Lead" }, limit = 3 }));
        var second = await Json(await Client().PostAsJsonAsync("/optin/admin/contacts/search", new { query = new { kind = "Lead" }, limit = 3, offset = 3 }));

        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.Equal(3, first.GetProperty("next").GetInt32());
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.False(second.TryGetProperty("next", out _));
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid());
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("{\"email\":\"not an address\"}", "email")]
    [InlineData("{\"limit\":100000}", "limit")]
    [InlineData("{\"unknownMember\":1}", null)]
    [InlineData("{\"query\":{\"kind\":\"Nobody\"}}", null)]
    public async Task Search_BadInput_Answers400ProblemDetails(string json, string? field)
    {
        var response = await Client().PostAsync("/optin/admin/contacts/search", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SetOptin_ByHand_RecordsActorReasonAndLegalBasis()
    {
        var id = await AddContactAsync("paper");

        var response = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/optins/newsletter",
            new { state = "OptedIn", reason = "signed paper form at the stand", legalBasis = "consent (Art. 6(1)(a)), paper form #12" });
        var ledger = await Json(await Client().GetAsync($"/optin/admin/contacts/{id}/ledger"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OptinState.OptedIn, (await Contact(id)).GetState("newsletter"));
        var entry = Assert.Single(ledger.GetProperty("events").EnumerateArray());
        Assert.Equal("SetManually", entry.GetProperty("kind").GetString());
        Assert.Equal("admin-api-key", entry.GetProperty("actor").GetString());
        Assert.Equal("signed paper form at the stand", entry.GetProperty("reason").GetString());
        Assert.Equal(Some.ConsentFr, entry.GetProperty("consentText").GetString());
    }

    [Theory]
    [InlineData("{\"state\":\"OptedIn\",\"legalBasis\":\"consent\"}", "reason")]
    [InlineData("{\"state\":\"OptedIn\",\"reason\":\"r\"}", "legalBasis")]
    [InlineData("{\"state\":\"PendingConfirmation\",\"reason\":\"r\",\"legalBasis\":\"consent\"}", "state")]
    public async Task SetOptin_WithoutAccountability_Answers400AndChangesNothing(string json, string field)
    {
        var id = await AddContactAsync("nobasis");

        var response = await Client().PutAsync($"/optin/admin/contacts/{id}/optins/newsletter", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(OptinState.None, (await Contact(id)).GetState("newsletter"));
        Assert.Empty(await LedgerAsync(id));
    }

    [Fact]
    public async Task SetOptin_UnknownContactOrPurpose_Answers404Or400()
    {
        var id = await AddContactAsync("unknown");
        var body = new { state = "OptedIn", reason = "r", legalBasis = "consent" };

        var noContact = await Client().PutAsJsonAsync($"/optin/admin/contacts/{Guid.NewGuid()}/optins/newsletter", body);
        var noPurpose = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/optins/nope", body);

        Assert.Equal(HttpStatusCode.NotFound, noContact.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task Objection_ThenOptinByHand_IsRefusedWith409()
    {
        var id = await AddContactAsync("objects");

        var objection = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/objection", new { actor = "dpo@atelier.example" });
        var optin = await Client().PutAsJsonAsync($"/optin/admin/contacts/{id}/optins/newsletter", new { state = "OptedIn", reason = "r", legalBasis = "consent" });

        Assert.Equal(HttpStatusCode.OK, objection.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, optin.StatusCode);
        Assert.True((await Contact(id)).ObjectedToMarketing);
        Assert.Equal("admin-api-key", Assert.Single(await LedgerAsync(id)).Actor); // the signed-in identity; the body's actor is ignored (EVD-1)
    }

    [Fact]
    public async Task Bulk_DryRunFirst_ThenTheSameCount_ChangesEveryMatch()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AddContactAsync("bulk" + i, ("company", "Acme")));
        }

        var other = await AddContactAsync("other", ("company", "Other"));
        var query = new { fields = new Dictionary<string, string> { ["company"] = "Acme" } };

        var dry = await Json(await Client().PostAsJsonAsync("/optin/admin/bulk-optin", new { query, dryRun = true }));
        var run = await Client().PostAsJsonAsync("/optin/admin/bulk-optin",
            new { query, purposeId = "newsletter", state = "OptedIn", reason = "paper forms from the show", legalBasis = "consent", expectedCount = 3 });
        var result = await Json(run);

        Assert.Equal(3, dry.GetProperty("count").GetInt64());
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(3, result.GetProperty("changed").GetInt64());
        foreach (var id in ids)
        {
            Assert.Equal(OptinState.OptedIn, (await Contact(id)).GetState("newsletter"));
            Assert.Equal(ConsentEventKind.SetInBulk, Assert.Single(await LedgerAsync(id)).Kind);
        }

        Assert.Equal(OptinState.None, (await Contact(other)).GetState("newsletter"));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.BadRequest)]
    [InlineData(2L, HttpStatusCode.Conflict)]
    public async Task Bulk_WithoutTheDryRunCount_ChangesNothing(long? expected, HttpStatusCode status)
    {
        var id = await AddContactAsync("guarded", ("company", "Acme"));
        var query = new { fields = new Dictionary<string, string> { ["company"] = "Acme" } };

        var run = await Client().PostAsJsonAsync("/optin/admin/bulk-optin",
            new { query, purposeId = "newsletter", state = "OptedIn", reason = "r", legalBasis = "consent", expectedCount = expected });

        Assert.Equal(status, run.StatusCode);
        Assert.Equal(OptinState.None, (await Contact(id)).GetState("newsletter"));
        Assert.Empty(await LedgerAsync(id));
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task Suppression_Added_IsFoundForAnyCaseOfTheAddress_AndOthersAreNot()
    {
        var before = await Json(await Client().PostAsJsonAsync("/optin/admin/suppression/lookup", new { email = "bounce@exemple.fr" }));
        var add = await Client().PostAsJsonAsync("/optin/admin/suppression", new { email = "Bounce@Exemple.fr", reason = "asked by phone", days = 30 });
        var after = await Json(await Client().PostAsJsonAsync("/optin/admin/suppression/lookup", new { email = "bounce@EXEMPLE.fr" }));
        var other = await Json(await Client().PostAsJsonAsync("/optin/admin/suppression/lookup", new { email = "other@exemple.fr" }));

        Assert.False(before.GetProperty("suppressed").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.True(after.GetProperty("suppressed").GetBoolean());
        Assert.Equal("asked by phone", after.GetProperty("reason").GetString());
        Assert.Equal("2026-12-12T09:30:00Z", after.GetProperty("expiresAt").GetString());
        Assert.False(other.GetProperty("suppressed").GetBoolean());
    }

    [Theory]
    [InlineData("{\"email\":\"nope\",\"reason\":\"r\"}")]
    [InlineData("{\"email\":\"a@exemple.fr\"}")]
    [InlineData("{\"email\":\"a@exemple.fr\",\"reason\":\"r\",\"days\":0}")]
    public async Task Suppression_BadInput_Answers400(string json)
    {
        var response = await Client().PostAsync("/optin/admin/suppression", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient Client(string? key = Key)
    {
        var client = _app.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private async Task<Guid> AddContactAsync(string tag, params (string Key, string Value)[] fields)
    {
        _ = _app.Client();
        var service = _app.Services.GetRequiredService<ContactOptinService>();
        var result = await service.AddContactAsync(
            new NewContact(Some.Email(tag), Fields: fields.ToImmutableDictionary(f => f.Key, f => f.Value)), CancellationToken.None);
        return result.ContactId!.Value;
    }

    private async Task<Contact> Contact(Guid id) => (await _app.Store.Contacts.FindAsync(id, CancellationToken.None))!;

    private async Task<List<ConsentEvent>> LedgerAsync(Guid id) => await _app.Store.Ledger.ReadAsync(id, CancellationToken.None).ToListAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
