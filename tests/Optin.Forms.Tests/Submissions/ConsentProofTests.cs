using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>CONS-6 and CONS-7: every consent event carries the whole proof, with the exact text shown.</summary>
public sealed class ConsentProofTests
{
    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SubmitAsync_Consent_EventCarriesEveryProofField()
    {
        using var services = Some.Services(out _);
        var form = services.GetRequiredService<IFormCatalogProvider>().Current.Forms["newsletter"];

        var (result, given) = await SubmitAsync(services, "fr");

        Assert.NotEqual(Guid.Empty, given.Id);
        Assert.True(given.Sequence > 0);
        Assert.Equal(result.ContactId, given.ContactId);
        Assert.Equal(ConsentEventKind.Given, given.Kind);
        Assert.Equal(OptinState.PendingConfirmation, given.State);
        Assert.Equal(ConsentMethod.Form, given.Method);
        Assert.Equal(Some.Now, given.OccurredAt);
        Assert.Equal("newsletter", given.PurposeId);
        Assert.Equal(form.Consents[0].GetVersion("fr", "fr"), given.PurposeVersion);
        Assert.Equal("newsletter", given.FormId);
        Assert.Equal(form.Version, given.FormVersion);
        Assert.Equal(result.SubmissionId, given.SubmissionId);
        Assert.Equal(Some.ConsentFr, given.ConsentText);
        Assert.Equal(Sha256(Some.ConsentFr), given.ConsentTextSha256);
        Assert.Equal(Some.PurposeFr, given.PurposeText);
        Assert.Equal(Sha256(Some.PurposeFr), given.PurposeTextSha256);
        Assert.Equal("/confidentialite", given.PrivacyNotice);
        Assert.Equal("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon", given.Controller);
        Assert.Equal("fr", given.Culture);
        Assert.Equal("https://example.test/salon", given.SourceUrl);
        Assert.Equal("203.0.113.0", given.IpAddress);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64)", given.UserAgent);
        Assert.Null(given.Actor);
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SubmitAsync_ClockWithMicroseconds_RecordsTheInstantToTheMillisecond()
    {
        using var services = Some.Services(out var clock);
        clock.AdvanceTicks(4567);

        var (result, given) = await SubmitAsync(services, "fr");

        Assert.Equal(Some.Now, given.OccurredAt);
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal(given.OccurredAt, submission!.ReceivedAt);
    }

    [Theory]
    [Trait("Requirement", "CONS-7")]
    [InlineData("fr", "fr", Some.ConsentFr, Some.PurposeFr)]
    [InlineData("en", "en", Some.ConsentEn, Some.PurposeEn)]
    [InlineData("en-GB", "en", Some.ConsentEn, Some.PurposeEn)]
    [InlineData("fr-CA", "fr", Some.ConsentFr, Some.PurposeFr)]
    [InlineData("de", "fr", Some.ConsentFr, Some.PurposeFr)]
    [InlineData(null, "fr", Some.ConsentFr, Some.PurposeFr)]
    [InlineData("not a culture", "fr", Some.ConsentFr, Some.PurposeFr)]
    public async Task SubmitAsync_Culture_StoresByteForByteTheConfiguredTextOfThatCultureOrItsFallback(
        string? culture, string textCulture, string consent, string purpose)
    {
        using var services = Some.Services(out _);

        var (_, given) = await SubmitAsync(services, culture);

        Assert.Equal(textCulture, given.Culture);
        Assert.Equal(Encoding.UTF8.GetBytes(consent), Encoding.UTF8.GetBytes(given.ConsentText!));
        Assert.Equal(Encoding.UTF8.GetBytes(purpose), Encoding.UTF8.GetBytes(given.PurposeText!));
        Assert.Equal(Sha256(consent), given.ConsentTextSha256);
    }

    [Fact]
    [Trait("Requirement", "CONS-7")]
    public async Task SubmitAsync_TypographicText_StoredByteForByteWithoutNormalisationOrTrimming()
    {
        const string consent = "J’accepte\u00A0: recevoir « La Lettre » d’Atelier Dupont — 1 à 2 e\u0301-mails/mois.  ";
        using var services = Some.Services(out _, StartupValidationTests.With(("OptinForms:Purposes:newsletter:Texts:fr:Consent", consent)));

        var (_, given) = await SubmitAsync(services, "fr");

        Assert.Equal(Encoding.UTF8.GetBytes(consent), Encoding.UTF8.GetBytes(given.ConsentText!));
        Assert.Equal(Sha256(consent), given.ConsentTextSha256);
    }

    [Fact]
    [Trait("Requirement", "CONS-7")]
    public async Task SubmitAsync_PurposeWithoutTextInTheCulture_FallsBackToTheDefaultCulture()
    {
        using var services = Some.Services(out _);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            new SubmissionRequest("newsletter", [new("email", Some.Email()), new("consent.partners", "true")], new SubmissionContext("en")),
            CancellationToken.None);

        var given = Assert.Single(await services.GetRequiredService<IOptinStore>().Ledger.ReadAsync(result.ContactId!.Value, CancellationToken.None).ToListAsync());
        Assert.Equal("fr", given.Culture);
        Assert.Equal("J'accepte que mes coordonnées soient transmises aux partenaires.", given.ConsentText);
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal("en", submission!.Culture);
    }

    [Theory]
    [Trait("Requirement", "CONS-6")]
    [InlineData("Full", "203.0.113.77", "203.0.113.77")]
    [InlineData("Truncated", "203.0.113.77", "203.0.113.0")]
    [InlineData("None", "203.0.113.77", null)]
    [InlineData("Full", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3:1319:8a2e:370:7348")]
    [InlineData("Truncated", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    [InlineData("None", "2001:db8:85a3:8d3:1319:8a2e:370:7348", null)]
    [InlineData("Truncated", "::ffff:203.0.113.77", "203.0.113.0")]
    [InlineData("Full", "not an address", null)]
    [InlineData("Full", null, null)]
    public async Task SubmitAsync_IpAddressCapture_KeepsWhatIsConfigured(string mode, string? ip, string? stored)
    {
        using var services = Some.Services(out _, StartupValidationTests.With(("OptinForms:DataProtection:IpAddress", mode)));

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            new SubmissionRequest("newsletter", [new("email", Some.Email()), new("consent.newsletter", "true")],
                new SubmissionContext("fr", "https://example.test/salon", ip, "Mozilla/5.0")),
            CancellationToken.None);

        var store = services.GetRequiredService<IOptinStore>();
        var given = Assert.Single(await store.Ledger.ReadAsync(result.ContactId!.Value, CancellationToken.None).ToListAsync());
        Assert.Equal(stored, given.IpAddress);
        Assert.Equal(stored, (await store.Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None))!.IpAddress);
    }

    private static async Task<(SubmissionResult Result, ConsentEvent Given)> SubmitAsync(ServiceProvider services, string? culture)
    {
        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            new SubmissionRequest("newsletter", [new("email", Some.Email()), new("firstName", "Jean"), new("consent.newsletter", "true")],
                new SubmissionContext(culture, "https://example.test/salon", "203.0.113.77", "Mozilla/5.0 (X11; Linux x86_64)")),
            CancellationToken.None);
        Assert.True(result.Succeeded);
        var events = await services.GetRequiredService<IOptinStore>().Ledger.ReadAsync(result.ContactId!.Value, CancellationToken.None).ToListAsync();
        return (result, Assert.Single(events));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
