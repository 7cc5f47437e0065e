using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

/// <summary>
/// Proof a judge can read (EVD-1): the page in the controller's language with a plain account first, local times, the
/// content behind every hash, the click tied to the email that carried it, rectification history, and API posts labelled.
/// </summary>
[Trait("Requirement", "EVD-1")]
public sealed class ReadableEvidenceTests
{
    private const string Box = "<input type=\"checkbox\" name=\"consent.newsletter\"> (test box)";

    private static Flow Start(string? timeZone = "Europe/Paris") => Flow.Start(
        s => s["OptinForms:DataProtection:TimeZone"] = timeZone,
        b => b.Services.AddSingleton<IConsentBoxRenderer, TestBox>());

    /// <summary>Sign-up, confirmation email, click, welcome email.</summary>
    private static async Task<(Guid ContactId, MimeKit.MimeMessage Doi)> ConfirmedAsync(Flow flow, SubmissionContext? context = null)
    {
        var post = Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", "Jean"), ("consent.newsletter", "true"));
        post = post with { Context = context ?? post.Context with { Culture = "fr", SourceUrl = "https://atelier.example/lettre" } };
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        Assert.True(result.Succeeded);
        await flow.RunAsync();
        var doi = flow.Mail.Messages[0];
        flow.Advance(Duration.FromMinutes(5));
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default);
        await flow.RunAsync();
        return (result.ContactId!.Value, doi);
    }

    private static async Task<string> HtmlAsync(Flow flow, Guid contactId, string? culture)
    {
        using var output = new MemoryStream();
        Assert.True(await flow.Services.GetRequiredService<EvidenceService>().WriteEvidenceHtmlAsync(contactId, culture, output, default));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task WriteEvidenceHtmlAsync_DefaultCultureFr_IsFrenchWithTheAccountBeforeTheAnnexAndLocalTimes()
    {
        using var flow = Start();
        var (contactId, doi) = await ConfirmedAsync(flow);

        var html = await HtmlAsync(flow, contactId, culture: null);

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        var account = html.IndexOf("Récit des faits", StringComparison.Ordinal);
        var annex = html.IndexOf("Annexe technique", StringComparison.Ordinal);
        Assert.True(account > 0 && annex > account, "the account comes first, the annex after");
        var story = html[account..annex];
        // 09:30:15 UTC on 12 November 2026 is 10:30:15 in Paris (UTC&#x2B;01:00).
        Assert.Contains("Le 12 novembre 2026 à 10:30:15 (UTC&#x2B;01:00, Europe/Paris), l&#x27;adresse « jean.dupont@exemple.fr » a été saisie dans "
            + "le formulaire « newsletter »", story, StringComparison.Ordinal);
        Assert.Contains("sur la page https://atelier.example/lettre", story, StringComparison.Ordinal);
        Assert.Contains("La case « " + Encode(Some.ConsentFr) + " », affichée non cochée, a été cochée", story, StringComparison.Ordinal);
        Assert.Contains($"un e-mail (modèle « double-optin ») a été envoyé à l&#x27;adresse « jean.dupont@exemple.fr », Message-ID « {doi.MessageId} »",
            story, StringComparison.Ordinal);
        Assert.Contains($"Le 12 novembre 2026 à 10:35:15 (UTC&#x2B;01:00, Europe/Paris), le lien de confirmation de l&#x27;e-mail « {doi.MessageId} » "
            + "envoyé à « jean.dupont@exemple.fr » a été ouvert, depuis l&#x27;adresse IP 198.51.100.0", story, StringComparison.Ordinal);
        Assert.Contains("Consentement confirmé (double opt-in)", html, StringComparison.Ordinal);
        Assert.Contains("consentement valable", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">OptedIn<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Confirmed<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lang=\"en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteEvidenceHtmlAsync_CultureEn_IsEnglishWithEnumsAsWords()
    {
        using var flow = Start();
        var (contactId, doi) = await ConfirmedAsync(flow);

        var html = await HtmlAsync(flow, contactId, "en");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        var account = html.IndexOf("Account of what happened", StringComparison.Ordinal);
        var annex = html.IndexOf("Technical annex", StringComparison.Ordinal);
        Assert.True(account > 0 && annex > account, "the account comes first, the annex after");
        Assert.Contains("On 12 November 2026 at 10:30:15 (UTC&#x2B;01:00, Europe/Paris), the address “jean.dupont@exemple.fr” was entered on the form "
            + "“newsletter”", html, StringComparison.Ordinal);
        Assert.Contains($"the confirmation link of the email “{doi.MessageId}” sent to “jean.dupont@exemple.fr” was clicked", html, StringComparison.Ordinal);
        Assert.Contains("<td>Consent confirmed (double opt-in)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>consent valid</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a link in an email</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">EmailLink<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteEvidenceHtmlAsync_NoTimeZoneConfigured_ShowsUtcWithItsOffset()
    {
        using var flow = Start(timeZone: null);
        var (contactId, _) = await ConfirmedAsync(flow);

        var html = await HtmlAsync(flow, contactId, "en");

        Assert.Contains("On 12 November 2026 at 09:30:15 (UTC&#x2B;00:00, UTC)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownTimeZone_FailsAtStartNamingTheKey()
    {
        var settings = Flow.Settings();
        settings["OptinForms:DataProtection:TimeZone"] = "Europe/Atlantis";
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("OptinForms:DataProtection:TimeZone", StringComparison.Ordinal)
            && f.Contains("Europe/Atlantis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ledger_AfterSignUpEmailsAndClick_EveryHashTurnsBackIntoItsExactContent()
    {
        using var flow = Start();
        var (contactId, doi) = await ConfirmedAsync(flow);
        var ledger = await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync();
        var given = ledger.Single(e => e.Kind == ConsentEventKind.Given);
        var sent = ledger.First(e => e.Kind == ConsentEventKind.EmailSent);

        Assert.Equal(Some.ConsentFr, (await ContentAsync(flow, given.ConsentTextSha256, ContentKinds.ConsentText)).Content);
        Assert.Equal(Some.PurposeFr, (await ContentAsync(flow, given.PurposeTextSha256, ContentKinds.PurposeText)).Content);
        Assert.Equal(given.PrivacyNotice, (await ContentAsync(flow, given.PrivacyNoticeSha256, ContentKinds.PrivacyNotice)).Content);
        Assert.Equal(Box, (await ContentAsync(flow, given.ConsentBoxSha256, ContentKinds.ConsentBox)).Content);
        var form = JsonDocument.Parse((await ContentAsync(flow, given.FormSha256, ContentKinds.FormDefinition)).Content).RootElement;
        Assert.Equal("newsletter", form.GetProperty("id").GetString());
        Assert.Equal(given.FormVersion, form.GetProperty("version").GetString());
        Assert.Equal(Some.ConsentFr, form.GetProperty("consents")[0].GetProperty("texts").GetProperty("fr").GetProperty("consent").GetString());
        var template = await ContentAsync(flow, sent.TemplateSha256, ContentKinds.EmailTemplate);
        Assert.Contains("{{", template.Content, StringComparison.Ordinal);

        var email = (await ContentAsync(flow, sent.EmailSha256, ContentKinds.Email)).Content;
        var token = Flow.ConfirmToken(doi);
        Assert.DoesNotContain(token, email, StringComparison.Ordinal);
        Assert.Contains("https://example.test/optin/confirm/" + ContentArchive.TokenPlaceholder, email, StringComparison.Ordinal);
        Assert.Contains(doi.Subject!, email, StringComparison.Ordinal);
        Assert.Equal(doi.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(token, ContentArchive.TokenPlaceholder, StringComparison.Ordinal).TrimEnd(),
            email[(email.IndexOf("--- text/plain ---\n", StringComparison.Ordinal) + 19)..].Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd());
        Assert.Equal("jean.dupont@exemple.fr", sent.Address);
    }

    [Fact]
    public async Task WriteEvidenceJsonAsync_ListsTheArchivedContentOfEveryHash()
    {
        using var flow = Start();
        var (contactId, _) = await ConfirmedAsync(flow);
        using var output = new MemoryStream();

        Assert.True(await flow.Services.GetRequiredService<EvidenceService>().WriteEvidenceJsonAsync(contactId, output, default));

        var root = JsonDocument.Parse(output.ToArray()).RootElement;
        var contents = root.GetProperty("contents").EnumerateArray().ToDictionary(c => c.GetProperty("sha256").GetString()!);
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            foreach (var name in new[] { "consentTextSha256", "purposeTextSha256", "formSha256", "consentBoxSha256", "emailSha256", "templateSha256" })
            {
                if (e.TryGetProperty(name, out var hash))
                {
                    Assert.True(contents.TryGetValue(hash.GetString()!, out var content), $"{name} {hash} has no content");
                    Assert.True(content.GetProperty("verified").GetBoolean());
                }
            }
        }

        Assert.Contains(contents.Values, c => c.GetProperty("kind").GetString() == ContentKinds.ConsentBox);
        Assert.Contains(contents.Values, c => c.GetProperty("kind").GetString() == ContentKinds.Email);
    }

    [Fact]
    public async Task ConfirmAsync_NamesTheMessageIdAndAddressOfTheEmailThatCarriedTheLink()
    {
        using var flow = Start();
        var (contactId, doi) = await ConfirmedAsync(flow);

        var confirmed = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Single(e => e.Kind == ConsentEventKind.Confirmed);

        Assert.Equal(doi.MessageId, confirmed.MessageId);
        Assert.Equal("jean.dupont@exemple.fr", confirmed.Address);
        Assert.Equal("jean.dupont@exemple.fr", doi.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task RectifyEmailAsync_KeepsThePreviousAndNewAddressSoTheEvidenceShowsWhichAddressConfirmed()
    {
        using var flow = Start();
        var (contactId, _) = await ConfirmedAsync(flow);

        var result = await flow.Services.GetRequiredService<PersonalDataService>().RectifyEmailAsync(contactId, "jean.dupont@nouveau.example", "dpo",
            "ticket 42", default);

        Assert.True(result.Succeeded);
        var changed = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).First(e => e.Kind == ConsentEventKind.EmailChanged);
        Assert.Equal(("jean.dupont@exemple.fr", "jean.dupont@nouveau.example"), (changed.PreviousAddress, changed.Address));
        var html = await HtmlAsync(flow, contactId, "fr");
        Assert.Contains("a rectifié l&#x27;adresse : « jean.dupont@exemple.fr » est devenue « jean.dupont@nouveau.example »", html, StringComparison.Ordinal);
        Assert.Contains("envoyé à « jean.dupont@exemple.fr » a été ouvert", html, StringComparison.Ordinal);
        Assert.Contains("<dd>jean.dupont@nouveau.example</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ByAProgram_IsRecordedAsApiWithoutTheBoxAndTheEvidenceSaysSo()
    {
        using var flow = Start();
        var api = new SubmissionContext("fr", null, "203.0.113.9", "curl/8.5") { Method = ConsentMethod.Api };
        var (contactId, _) = await ConfirmedAsync(flow, api);

        var given = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Single(e => e.Kind == ConsentEventKind.Given);

        Assert.Equal(ConsentMethod.Api, given.Method);
        Assert.Null(given.ConsentBoxSha256);
        Assert.NotNull(given.FormSha256);
        var fr = await HtmlAsync(flow, contactId, "fr");
        Assert.Contains("un programme a envoyé l&#x27;adresse « jean.dupont@exemple.fr » au formulaire « newsletter »", fr, StringComparison.Ordinal);
        Assert.Contains("cet envoi ne prouve pas qu&#x27;une personne a vu ce texte", fr, StringComparison.Ordinal);
        Assert.DoesNotContain("affichée non cochée", fr, StringComparison.Ordinal);
        var en = await HtmlAsync(flow, contactId, "en");
        Assert.Contains("a program submitted the address", en, StringComparison.Ordinal);
        Assert.DoesNotContain("shown unticked", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAccessAsync_AppendsToTheAccessLogWhichOutlivesErasure()
    {
        using var flow = Start();
        var (contactId, _) = await ConfirmedAsync(flow);
        var evidence = flow.Services.GetRequiredService<EvidenceService>();

        await evidence.RecordAccessAsync(contactId, "dpo@atelier.example", "evidence.html", default);
        flow.Advance(Duration.FromSeconds(1));
        await evidence.RecordAccessAsync(contactId, "dpo@atelier.example", "export", default);
        await flow.Services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo@atelier.example", ErasureReason.DataSubjectRequest, null, default);

        var log = await flow.Store.Archive.ReadAccessLogAsync(contactId, default).ToListAsync();
        Assert.Equal(["evidence.html", "export"], log.Select(a => a.Action).ToArray());
        Assert.All(log, a => Assert.Equal("dpo@atelier.example", a.Actor));
        Assert.Equal(Some.Now + Duration.FromMinutes(5) + Duration.FromSeconds(1), log[1].At);
    }

    private static async Task<ArchivedContent> ContentAsync(Flow flow, string? sha256, string kind)
    {
        Assert.NotNull(sha256);
        var content = await flow.Store.Archive.FindContentAsync(sha256, default);
        Assert.NotNull(content);
        Assert.Equal(kind, content.Kind);
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content.Content))));
        return content;
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    private sealed class TestBox : IConsentBoxRenderer
    {
        public string Render(FormCatalog catalog, FormDefinition form, PurposeDefinition purpose, string culture) => Box;
    }
}
