using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Rights;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

/// <summary>The readable answer to an access request (GDPR Art. 15(1)(a)–(h)), in French and English.</summary>
public sealed class AccessReportTests
{
    private const string Cnil = "CNIL, 3 place de Fontenoy";

    [Fact]
    [Trait("Requirement", "DSR-6")]
    public async Task WriteAccessReportAsync_AfterAQuoteRequest_InFrenchByDefault_AnswersArticle15WithThePlannedErasureDate()
    {
        using var flow = QuoteRequestFlow();
        var contactId = (await flow.SubmitAsync(form: "contact")).ContactId!.Value;
        Assert.Equal(2, await flow.RunAsync()); // the double opt-in to the person, the notification to the sales team
        var sent = Assert.Single(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.EmailSent);

        var html = await ReportAsync(flow, contactId, culture: null);
        var text = WebUtility.HtmlDecode(html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        // (a) the consent with its state and text, and the form's own processing with its legal basis
        Assert.Contains(Some.ConsentFr, text, StringComparison.Ordinal);
        Assert.Contains("en attente de votre confirmation", text, StringComparison.Ordinal);
        Assert.Contains("Répondre à votre demande de devis.", text, StringComparison.Ordinal);
        Assert.Contains("contrat ou mesures précontractuelles prises à votre demande (art. 6.1.b)", text, StringComparison.Ordinal);
        // (b) what is held, values encoded
        Assert.Contains("Bonjour, un devis ?", text, StringComparison.Ordinal);
        // (c) declared recipients and the disclosure the job history records; never the person's own address as a recipient
        Assert.Contains("Le service commercial.", text, StringComparison.Ordinal);
        Assert.Contains("<tr><td>ventes@atelier-dupont.example</td><td>e-mail</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr><td>jean.dupont@exemple.fr</td><td>e-mail</td>", html, StringComparison.Ordinal);
        // (d) the retention sweep's own rule: the later of the newsletter's 400 days from the last activity and the quote
        // request's 730 days from its submission (RET-4)
        Assert.Contains("vos données seront effacées le 11 novembre 2028", text, StringComparison.Ordinal);
        // times in the controller's time zone with their offset, as on the evidence page (EVD-1)
        Assert.Contains("(UTC+01:00)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC<", html, StringComparison.Ordinal);
        Assert.Contains("Formulaire « Demande de devis » : 730 jours après son envoi.", text, StringComparison.Ordinal);
        // (e) the rights and whom to write to; (f) the complaint; (g) the source; (h) no automated decision
        Assert.Contains("Portabilité", text, StringComparison.Ordinal);
        Assert.Contains("Claire Martin, dpo@atelier-dupont.example", text, StringComparison.Ordinal);
        Assert.Contains("réclamation auprès de l'autorité de contrôle", text, StringComparison.Ordinal);
        Assert.Contains(Cnil, text, StringComparison.Ordinal);
        Assert.Contains("Vous-même, par le formulaire « Demande de devis », sur la page https://example.test/salon", text, StringComparison.Ordinal);
        Assert.Contains("Aucune décision fondée exclusivement sur un traitement automatisé", text, StringComparison.Ordinal);
        // the emails sent, as the ledger has them
        Assert.Contains(sent.MessageId!, text, StringComparison.Ordinal);
        Assert.Contains(sent.TemplateSha256!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Requirement", "DSR-6")]
    public async Task WriteAccessReportAsync_InEnglish_SaysTheSameInEnglish()
    {
        using var flow = QuoteRequestFlow();
        var contactId = (await flow.SubmitAsync(form: "contact")).ContactId!.Value;
        await flow.RunAsync();

        var html = await ReportAsync(flow, contactId, "en");
        var text = WebUtility.HtmlDecode(html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Answering your quote request.", text, StringComparison.Ordinal);
        Assert.Contains("a contract, or steps taken at your request before one (Art. 6(1)(b))", text, StringComparison.Ordinal);
        Assert.Contains("waiting for your confirmation", text, StringComparison.Ordinal);
        Assert.Contains("The sales team.", text, StringComparison.Ordinal);
        Assert.Contains("your data will be erased on 11 November 2028", text, StringComparison.Ordinal);
        Assert.Contains("lodge a complaint with the supervisory authority", text, StringComparison.Ordinal);
        Assert.Contains(Cnil, text, StringComparison.Ordinal);
        Assert.Contains("Yourself, through the form \"Quote request\"", text, StringComparison.Ordinal);
        Assert.Contains("No decision based solely on automated processing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Portabilité", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DSR-6")]
    public async Task WriteAccessReportAsync_HostileValues_AreEncoded_AndAnUnknownContactWritesNothing()
    {
        using var flow = QuoteRequestFlow();
        var contactId = (await flow.SubmitAsync(email: "jean.dupont@exemple.fr")).ContactId!.Value;
        var pipeline = flow.Services.GetRequiredService<Optin.Forms.Submissions.SubmissionPipeline>();
        await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", "<script>alert(1)</script>")), default);
        var rights = flow.Services.GetRequiredService<PersonalDataService>();

        var html = await ReportAsync(flow, contactId, "fr");
        using var nothing = new MemoryStream();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.False(await rights.WriteAccessReportAsync(Guid.NewGuid(), nothing, null, default));
        Assert.Equal(0, nothing.Length);
    }

    [Fact]
    [Trait("Requirement", "DSR-6")]
    public async Task WriteAccessReportAsync_CheckboxGroupValues_ShownOnePerLineAsStored()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Forms:newsletter:Fields:2:Name"] = "interests";
            s["OptinForms:Forms:newsletter:Fields:2:Kind"] = "CheckboxGroup";
            s["OptinForms:Forms:newsletter:Fields:2:Options:0"] = "news";
            s["OptinForms:Forms:newsletter:Fields:2:Options:1"] = "<events>";
        });
        var pipeline = flow.Services.GetRequiredService<Optin.Forms.Submissions.SubmissionPipeline>();
        var result = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("interests", "<events>"),
            ("interests", "news"), ("consent.newsletter", "true")), default);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));

        var html = await ReportAsync(flow, result.ContactId!.Value, "fr");

        Assert.Contains("<dt>interests</dt><dd>news<br>&lt;events&gt;</dd>", html, StringComparison.Ordinal);
    }

    private static Flow QuoteRequestFlow() => Flow.Start(s =>
    {
        s["OptinForms:Purposes:newsletter:Retention"] = "400.00:00:00";
        s["OptinForms:DataProtection:Dpo"] = "Claire Martin, dpo@atelier-dupont.example";
        s["OptinForms:DataProtection:ControllerContact"] = "Atelier Dupont SARL, contact@atelier-dupont.example";
        s["OptinForms:Forms:contact:Title:fr"] = "Demande de devis";
        s["OptinForms:Forms:contact:Title:en"] = "Quote request";
        s["OptinForms:Forms:contact:Processing:Purpose:fr"] = "Répondre à votre demande de devis.";
        s["OptinForms:Forms:contact:Processing:Purpose:en"] = "Answering your quote request.";
        s["OptinForms:Forms:contact:Processing:LegalBasis"] = "Contract";
        s["OptinForms:Forms:contact:Processing:Recipients:fr"] = "Le service commercial.";
        s["OptinForms:Forms:contact:Processing:Recipients:en"] = "The sales team.";
        s["OptinForms:Forms:contact:Processing:Retention"] = "730.00:00:00";
        s["OptinForms:DataProtection:TimeZone"] = "Europe/Paris";
    });

    private static async Task<string> ReportAsync(Flow flow, Guid contactId, string? culture)
    {
        using var output = new MemoryStream();
        Assert.True(await flow.Services.GetRequiredService<PersonalDataService>().WriteAccessReportAsync(contactId, output, culture, default));
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
