using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>The admin API's ledger chain endpoints (LEDG-1): verify, checkpoint, verify against a checkpoint.</summary>
public sealed class AdminLedgerApiTests : IDisposable
{
    private const string Key = "test-admin-key-ledger-0123";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key));

    public void Dispose() => _app.Dispose();

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_AfterSignUps_ReportsEveryChainIntactForAllAndForOneContact()
    {
        var id = await SignUpAsync("chain-a");
        await SignUpAsync("chain-b");

        var all = await Json(await Client().GetAsync("/optin/admin/ledger/verify"));
        var one = await Json(await Client().GetAsync($"/optin/admin/ledger/verify?contact={id}"));

        Assert.True(all.GetProperty("isIntact").GetBoolean(), all.ToString());
        Assert.Equal(2, all.GetProperty("contacts").GetInt32());
        Assert.True(one.GetProperty("isIntact").GetBoolean(), one.ToString());
        Assert.Equal(1, one.GetProperty("contacts").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client().GetAsync("/optin/admin/ledger/verify")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task VerifyAgainstCheckpoint_ItsOwnCheckpointVerifies_OneRecordingAnotherHeadNamesThatContact_AnEditedFileIs400()
    {
        var id = await SignUpAsync("checkpoint");
        var response = await Client().GetAsync("/optin/admin/ledger/checkpoint");
        var checkpoint = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(checkpoint).RootElement.GetProperty("count").GetInt32());

        var same = await Json(await Client().PostAsync("/optin/admin/ledger/verify", new StringContent(checkpoint, null, "application/json")));
        var other = LedgerCheckpoint.Of([new ChainHead(id, new string('e', 64), 1)], Instant.FromUtc(2026, 1, 1, 0, 0));
        using var body = new MemoryStream();
        await other.WriteJsonAsync(body, default);
        var rewritten = await Json(await Client().PostAsync("/optin/admin/ledger/verify", new ByteArrayContent(body.ToArray())));
        var edited = await Client().PostAsync("/optin/admin/ledger/verify",
            new StringContent(checkpoint.Replace(JsonDocument.Parse(checkpoint).RootElement.GetProperty("digest").GetString()!, new string('f', 64),
                StringComparison.Ordinal)));

        Assert.True(same.GetProperty("isIntact").GetBoolean());
        Assert.False(rewritten.GetProperty("isIntact").GetBoolean());
        Assert.Equal(id, rewritten.GetProperty("firstBroken").GetProperty("contactId").GetGuid());
        Assert.Equal("CheckpointMismatch", rewritten.GetProperty("firstBroken").GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode); // the file no longer matches its own digest
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
}
