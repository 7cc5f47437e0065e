using System.Net;
using System.Text.Json;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Retention;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>The intermediate archive over HTTP (RET-4): one admin endpoint, behind the admin policy, and nothing else reaches it.</summary>
public sealed class AdminArchiveApiTests : IDisposable
{
    private const string Key = "test-admin-key-archive-0123";
    private readonly OptinWebFactory _app = new(("Sample:AdminApiKey", Key), ("OptinForms:Retention:Archive", "true"));

    public void Dispose() => _app.Dispose();

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task Archive_ReadableOnlyThroughItsAdminEndpoint_NotThroughContactOrEvidence()
    {
        var id = await ArchiveAsync();

        var response = await Client().GetAsync($"/optin/admin/archive/{id}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var contact = await Client().GetAsync($"/optin/admin/contacts/{id}");
        var evidence = await Client().GetAsync($"/optin/admin/contacts/{id}/evidence");
        var unknown = await Client().GetAsync($"/optin/admin/archive/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("optin.archive/1", body.GetProperty("schema").GetString());
        Assert.Equal(id, body.GetProperty("contactId").GetGuid());
        Assert.Equal("2031-11-12T09:30:00Z", body.GetProperty("keepUntil").GetString());
        Assert.Equal("jean@exemple.fr", body.GetProperty("evidence").GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.NotFound, contact.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, evidence.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public async Task Archive_WithoutTheKey_Answers401AndRevealsNothing()
    {
        var id = await ArchiveAsync();

        var response = await _app.Client().GetAsync($"/optin/admin/archive/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("jean", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<Guid> ArchiveAsync()
    {
        var id = Guid.NewGuid();
        var at = _app.Clock.GetCurrentInstant();
        await using var tx = await _app.Store.BeginTransactionAsync(default);
        await tx.ArchivedProofs.SaveAsync(new ArchivedProof(id, at, at + Duration.FromDays(1826),
            $$"""{"schema":"optin.evidence/1","contact":{"id":"{{id}}","email":"jean@exemple.fr"},"submissions":[],"events":[]}"""), default);
        await tx.CommitAsync(default);
        return id;
    }

    private HttpClient Client()
    {
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }
}
