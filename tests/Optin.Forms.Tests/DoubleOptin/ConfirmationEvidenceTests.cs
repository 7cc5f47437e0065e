using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Consent;
using Optin.Forms.DependencyInjection;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>The confirmation proves what the person saw at sign-up, even when the owner changed the text since (CONS-7, DOI-10).</summary>
public sealed class ConfirmationEvidenceTests
{
    private const string NewConsent = "J'accepte de recevoir les offres d'Atelier Dupont et de ses partenaires.";
    private const string NewPurpose = "Atelier Dupont utilise votre adresse pour ses offres et celles de ses partenaires.";

    [Fact]
    [Trait("Requirement", "CONS-7")]
    [Trait("Requirement", "DOI-10")]
    public async Task ConfirmAsync_PurposeTextChangedAfterSignUp_ConfirmedEntryAndEvidenceCarryTheSignUpText()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Flow.Settings()).Build();
        var clock = new FakeClock(Some.Now);
        var collection = new ServiceCollection().AddLogging();
        collection.AddOptinForms(configuration.GetSection("OptinForms")).UseClock(clock).UseInMemoryMailSender();
        using var services = collection.BuildServiceProvider();
        var catalog = services.GetRequiredService<IFormCatalogProvider>();
        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), default);
        await services.GetRequiredService<JobRunner>().RunDueJobsAsync(default);
        var doi = Assert.Single(services.GetRequiredService<InMemoryMailSender>().Messages);
        var shown = catalog.Current.Purposes["newsletter"].GetText("fr", "fr");

        configuration["OptinForms:Purposes:newsletter:Texts:fr:Consent"] = NewConsent;
        configuration["OptinForms:Purposes:newsletter:Texts:fr:Purpose"] = NewPurpose;
        configuration.Reload();
        Assert.NotEqual(shown.Version, catalog.Current.Purposes["newsletter"].GetText("fr", "fr").Version);
        clock.Advance(Duration.FromHours(2));
        Assert.Equal(TokenStatus.Valid, await services.GetRequiredService<IDoubleOptinService>().ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));

        var contactId = result.ContactId!.Value;
        var ledger = await services.GetRequiredService<Optin.Forms.Storage.IOptinStore>().Ledger.ReadAsync(contactId, default).ToListAsync();
        var given = ledger.Single(e => e.Kind == ConsentEventKind.Given);
        var confirmed = ledger.Single(e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Equal(
            (given.PurposeVersion, given.ConsentText, given.ConsentTextSha256, given.PurposeText, given.PurposeTextSha256, given.Culture),
            (confirmed.PurposeVersion, confirmed.ConsentText, confirmed.ConsentTextSha256, confirmed.PurposeText, confirmed.PurposeTextSha256, confirmed.Culture));
        Assert.Equal((shown.Version, Some.ConsentFr, Some.PurposeFr), (confirmed.PurposeVersion, confirmed.ConsentText, confirmed.PurposeText));
        Assert.Equal(result.SubmissionId, confirmed.SubmissionId);
        Assert.Equal(ConsentMethod.EmailLink, confirmed.Method);
        Assert.Equal(clock.GetCurrentInstant(), confirmed.OccurredAt);

        var evidence = services.GetRequiredService<EvidenceService>();
        using var json = new MemoryStream();
        Assert.True(await evidence.WriteEvidenceJsonAsync(contactId, json, default));
        using var document = JsonDocument.Parse(json.ToArray());
        var confirmedJson = document.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Confirmed");
        Assert.Equal(Some.ConsentFr, confirmedJson.GetProperty("consentText").GetString());
        Assert.True(confirmedJson.GetProperty("consentTextVerified").GetBoolean());
        Assert.DoesNotContain(NewConsent, Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
        using var html = new MemoryStream();
        Assert.True(await evidence.WriteEvidenceHtmlAsync(contactId, html, default));
        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(NewConsent), page, StringComparison.Ordinal);
        Assert.DoesNotContain("offres d", page, StringComparison.Ordinal);
        Assert.Contains("recevoir la lettre d", page, StringComparison.Ordinal);
    }
}
