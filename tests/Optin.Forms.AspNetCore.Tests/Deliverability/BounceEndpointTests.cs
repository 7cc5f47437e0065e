using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Tests.Deliverability;

namespace Optin.Forms.AspNetCore.Tests.Deliverability;

/// <summary><c>POST /optin/bounces</c> on the sample, with a real SQLite file: the secret, the refusals, and a report applied.</summary>
public sealed class BounceEndpointTests
{
    private const string Secret = "bounce-secret-0123456789-abcdefghijklmnop";
    private const string AdminKey = "test-admin-key-0123456789";
    private const string Jean = "jean.dupont@exemple.fr";

    [Fact]
    public async Task Post_WithoutASecretConfigured_IsNotMapped()
    {
        using var app = new OptinWebFactory();

        var response = await app.Client().SendAsync(Report("postfix-dsn-permanent.eml", Secret));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret-0123456789-abcdefghijklmnop")]
    [InlineData("bounce-secret-0123456789-abcdefghijklmno")]
    public async Task Post_WithoutTheRightSecret_Answers401_AndChangesNothing(string? secret)
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);

        var response = await client.SendAsync(Report("postfix-dsn-permanent.eml", secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await SuppressionAsync(app, Jean));
    }

    [Fact]
    public async Task Post_DsnWithTheSecret_MarksTheAddress_TheAdminApiShowsIt_AndTheLogsHoldNoAddress()
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret), ("Sample:AdminApiKey", AdminKey));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);
        var sent = await app.FirstMessageIdToAsync(Jean);

        var response = await client.SendAsync(Report("postfix-dsn-permanent.eml", Secret, sent));
        var replay = await client.SendAsync(Report("postfix-dsn-permanent.eml", Secret, sent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("ignored", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("undeliverable", (await SuppressionAsync(app, Jean))?.Reason);
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var lookup = await (await client.PostAsJsonAsync("/optin/admin/suppression/lookup", new { email = Jean })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(lookup.GetProperty("undeliverable").GetBoolean());
        Assert.False(lookup.GetProperty("complaint").GetBoolean());
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("exemple.fr", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(app.Logs.Events, e => e.Id == 3401);
    }

    [Fact]
    public async Task Post_ArfWithTheSecret_WithdrawsAndSuppresses()
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);

        var response = await client.SendAsync(Report("yahoo-arf-complaint.eml", Secret, await app.FirstMessageIdToAsync(Jean)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("complaint", (await SuppressionAsync(app, Jean))?.Reason);
        var contact = await app.Store.Contacts.FindByEmailKeyAsync(Jean, default);
        Assert.Equal(Contacts.OptinState.Withdrawn, contact!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "DLV-3")]
    public async Task Post_ReportNotAboutAMessageWeSent_IsIgnoredWithTheReason_AndChangesNothing()
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);
        await app.FirstMessageIdToAsync(Jean);

        var response = await client.SendAsync(Report("yahoo-arf-complaint.eml", Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ignored", body.GetProperty("status").GetString());
        Assert.Contains("not tied to a message we sent", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(await SuppressionAsync(app, Jean));
        Assert.NotEqual(Contacts.OptinState.Withdrawn, (await app.Store.Contacts.FindByEmailKeyAsync(Jean, default))!.GetState("newsletter"));
    }

    [Theory]
    [InlineData("out-of-office-not-a-report.eml")]
    [InlineData("malformed-dsn-bad-second-recipient.eml")]
    public async Task Post_NotAReport_Answers422WithTheReason_AndChangesNothing(string file)
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret));
        var client = app.Client();
        await Some.SignUpAsync(client, Jean);

        var response = await client.SendAsync(Report(file, Secret));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        Assert.Null(await SuppressionAsync(app, Jean));
    }

    [Fact]
    public async Task Post_OtherContentTypeOrTooLarge_IsRefusedBeforeReading()
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", Secret), ("OptinForms:Deliverability:MaxReportSize", "1000"));
        var client = app.Client();

        var json = Report("postfix-dsn-permanent.eml", Secret);
        json.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var wrongType = await client.SendAsync(json);
        var tooLarge = await client.SendAsync(Report("postfix-dsn-permanent.eml", Secret));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public void Start_WithAShortSecret_FailsNamingTheKey()
    {
        using var app = new OptinWebFactory(("OptinForms:Deliverability:ReportSecret", "short"));

        var error = Assert.ThrowsAny<Exception>(() => app.Client());

        Assert.Contains("OptinForms:Deliverability:ReportSecret", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The fixture as a request; with <paramref name="about"/>, about that message of ours (see <see cref="ReportFixtures.Tied"/>).</summary>
    private static HttpRequestMessage Report(string file, string? secret, string? about = null)
    {
        byte[] body;
        if (about is null)
        {
            body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Deliverability", "Fixtures", file));
        }
        else
        {
            using var tied = ReportFixtures.Tied(file, about);
            using var buffer = new MemoryStream();
            tied.WriteTo(buffer);
            body = buffer.ToArray();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/optin/bounces") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return request;
    }

    private static ValueTask<SuppressionEntry?> SuppressionAsync(OptinWebFactory app, string email) =>
        app.Services.GetRequiredService<SuppressionList>().FindAsync(email, default);
}
