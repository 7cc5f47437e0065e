using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Admin;

/// <summary>
/// <c>POST /optin/admin/contacts/{id}/double-optin/{purposeId}</c> on the real engine: the contact gets a confirmation
/// email for that purpose, and its link confirms that purpose only.
/// </summary>
public sealed partial class AdminDoubleOptinApiTests : IDisposable
{
    private const string Key = "test-admin-key-doi-0123456";

    private readonly OptinWebFactory _app = new(
        ("Sample:AdminApiKey", Key),
        ("OptinForms:Purposes:events:Marketing", "true"),
        ("OptinForms:Purposes:events:Retention", "365.00:00:00"),
        ("OptinForms:Purposes:events:Texts:fr:Consent", "J'accepte de recevoir les invitations aux salons d'Atelier Dupont."),
        ("OptinForms:Purposes:events:Texts:fr:Purpose", "Atelier Dupont vous invite à ses salons. Désinscription à tout moment."),
        ("OptinForms:Purposes:events:Texts:en:Consent", "I agree to receive Atelier Dupont's trade show invitations."),
        ("OptinForms:Purposes:events:Texts:en:Purpose", "Atelier Dupont invites you to its trade shows. Unsubscribe at any time."))
    {
        RealDoubleOptin = true,
    };

    public void Dispose() => _app.Dispose();

    [Fact]
    [Trait("Requirement", "DOI-1")]
    [Trait("Requirement", "DOI-2")]
    public async Task RequestDoubleOptin_ForAContactAddedByHand_Answers202AndItsEmailConfirmsThatPurposeOnly()
    {
        var address = Some.Email("card");
        var id = await AddContactAsync(address);

        var response = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/double-optin/events", new { culture = "en", reason = "business card from the trade show" });
        var body = await Json(response);
        var email = Assert.Single(await _app.WaitForEmailsAsync(address, 1));
        Assert.Equal(OptinState.None, (await Contact(id)).GetState("events"));
        var path = ConfirmPath(email);
        var visitor = _app.Client();
        var session = new FormSession(visitor);
        Assert.Equal(HttpStatusCode.OK, (await session.OpenAsync(path)).StatusCode);
        var confirmed = await visitor.PostAsync(path, new FormUrlEncodedContent(session.Hidden.Where(h => h.Key != "intent")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((id, 1), (body.GetProperty("contactId").GetGuid(), body.GetProperty("count").GetInt32()));
        Assert.Equal("Please confirm your subscription", email.Subject);
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        var contact = await Contact(id);
        Assert.Equal(OptinState.OptedIn, contact.GetState("events"));
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
        var ledger = await _app.Store.Ledger.ReadAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal("events", Assert.Single(ledger, e => e.Kind == ConsentEventKind.Confirmed).PurposeId);
    }

    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task RequestDoubleOptin_RecordsTheSignedInUserAndTheReason_AndWithoutReasonAnswers400AndQueuesNothing()
    {
        var id = await AddContactAsync(Some.Email("actor"));

        var refused = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/double-optin/events", new { actor = "someone", reason = " " });
        var jobsAfterRefusal = await _app.Store.Jobs.ListJobsAsync(id, CancellationToken.None).ToListAsync();
        var accepted = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/double-optin/events", new { actor = "someone", reason = "asked at the stand" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Empty(jobsAfterRefusal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var entry = Assert.Single(await _app.Store.Ledger.ReadAsync(id, CancellationToken.None).ToListAsync(), e => e.Kind == ConsentEventKind.DoubleOptinRequested);
        Assert.Equal(("admin-api-key", "asked at the stand", ConsentMethod.Manual, "events", OptinState.None),
            (entry.Actor, entry.Reason, entry.Method, entry.PurposeId, entry.State)); // the body's actor is ignored
        var evidence = await Client().GetStringAsync($"/optin/admin/contacts/{id}/evidence/html?culture=en");
        Assert.Contains("Double opt-in requested by an operator", evidence, StringComparison.Ordinal);
        Assert.Contains("asked at the stand", evidence, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "DSR-4")]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task RequestDoubleOptin_WithoutTheKey_Answers401AndSendsNothing(string? key)
    {
        var address = Some.Email("nokey");
        var id = await AddContactAsync(address);
        var client = _app.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.PostAsJsonAsync($"/optin/admin/contacts/{id}/double-optin/events", new { reason = "r" });
        await _app.Services.GetRequiredService<Jobs.JobRunner>().RunDueJobsAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_app.EmailsTo(address));
        Assert.Empty(await _app.Store.Jobs.ListJobsAsync(null, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task RequestDoubleOptin_UnknownPurposeOrContact_Answers400Or404AndSendsNothing()
    {
        var address = Some.Email("unknown");
        var id = await AddContactAsync(address);

        var noPurpose = await Client().PostAsJsonAsync($"/optin/admin/contacts/{id}/double-optin/nope", new { reason = "r" });
        var noContact = await Client().PostAsJsonAsync($"/optin/admin/contacts/{Guid.NewGuid()}/double-optin/events", new { reason = "r" });
        await _app.Services.GetRequiredService<Jobs.JobRunner>().RunDueJobsAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        Assert.True((await Json(noPurpose)).GetProperty("errors").TryGetProperty("purposeId", out _));
        Assert.Equal(HttpStatusCode.NotFound, noContact.StatusCode);
        Assert.Empty(_app.EmailsTo(address));
        Assert.Empty(await _app.Store.Jobs.ListJobsAsync(null, CancellationToken.None).ToListAsync());
    }

    private HttpClient Client()
    {
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private async Task<Guid> AddContactAsync(string address)
    {
        _ = _app.Client();
        var result = await _app.Services.GetRequiredService<ContactOptinService>().AddContactAsync(
            new NewContact(address, Fields: ImmutableDictionary<string, string>.Empty), CancellationToken.None);
        return result.ContactId!.Value;
    }

    private async Task<Contact> Contact(Guid id) => (await _app.Store.Contacts.FindAsync(id, CancellationToken.None))!;

    private static string ConfirmPath(MimeKit.MimeMessage message)
    {
        var match = ConfirmLink().Match(message.TextBody ?? string.Empty);
        Assert.True(match.Success, "no confirmation link in the email");
        return match.Groups[1].Value;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [GeneratedRegex(@"https://stand\.example(/optin/confirm/[A-Za-z0-9_\-]{43})")]
    private static partial Regex ConfirmLink();
}
