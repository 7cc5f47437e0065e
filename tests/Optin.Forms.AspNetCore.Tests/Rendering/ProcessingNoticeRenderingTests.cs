using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Rendering;

/// <summary>The Art. 13 notice of a form's own processing, beside its fields and apart from the consent boxes (PROC-1).</summary>
[Trait("Requirement", "PROC-1")]
public sealed class ProcessingNoticeRenderingTests
{
    private static string Section(string html)
    {
        var start = html.IndexOf("<section class=\"optin-processing\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no processing notice in the page");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Fact]
    public async Task GetForm_QuoteRequestInFrench_ShowsItsOwnNoticeApartFromTheConsentBox()
    {
        using var app = new OptinWebFactory();
        var html = WebUtility.HtmlDecode(await app.Client().GetStringAsync("/optin/forms/contact"));

        var notice = Section(html);
        Assert.Contains("<h3 class=\"optin-processing-title\" id=\"optin-contact-processing-title\">Utilisation de vos données</h3>", notice);
        Assert.Contains("<dt>Responsable du traitement</dt><dd>Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon</dd>", notice);
        Assert.Contains("<dt>Contact</dt><dd>Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon, contact@atelier-dupont.example</dd>", notice);
        Assert.Contains("<dt>Délégué à la protection des données</dt><dd>Claire Martin, déléguée à la protection des données, dpo@atelier-dupont.example</dd>", notice);
        Assert.Contains("<dt>Finalité</dt><dd>Répondre à votre demande de contact ou de devis.</dd>", notice);
        Assert.Contains("<dt>Base légale</dt><dd>L'exécution d'un contrat ou de mesures précontractuelles prises à votre demande (RGPD, art. 6.1.b).</dd>", notice);
        Assert.Contains("<dt>Destinataires</dt><dd>Le service commercial d'Atelier Dupont.</dd>", notice);
        Assert.Contains("<dt>Durée de conservation</dt><dd>3 ans à compter de l'envoi du formulaire.</dd>", notice);
        Assert.Contains("<dt>Vos droits</dt><dd>Vous pouvez accéder à vos données, les faire rectifier ou effacer, demander la limitation de leur traitement, en demander la portabilité, en écrivant à : Claire Martin, déléguée à la protection des données, dpo@atelier-dupont.example.</dd>", notice);
        Assert.Contains("<dt>Réclamation</dt><dd>Vous pouvez introduire une réclamation auprès de l'autorité de contrôle : CNIL, 3 place de Fontenoy", notice);
        Assert.Contains("<a class=\"optin-privacy\" href=\"/confidentialite\">Politique de confidentialité</a>", notice);
        Assert.DoesNotContain("lettre d'information", notice);

        // Apart from the consent box, which keeps the newsletter's own purpose text.
        Assert.True(html.IndexOf("</section>", StringComparison.Ordinal) < html.IndexOf("<fieldset class=\"optin-consents\"", StringComparison.Ordinal));
        Assert.True(html.IndexOf("name=\"message\"", StringComparison.Ordinal) < html.IndexOf("<section class=\"optin-processing\"", StringComparison.Ordinal));
        Assert.Contains("pour l'envoi de sa lettre d'information", html[html.IndexOf("<fieldset class=\"optin-consents\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task GetForm_QuoteRequestInEnglish_ShowsTheNoticeInEnglish()
    {
        using var app = new OptinWebFactory();
        var notice = Section(WebUtility.HtmlDecode(await app.Client().GetStringAsync("/optin/forms/contact?culture=en")));

        Assert.Contains(">How your data is used</h3>", notice);
        Assert.Contains("<dt>Data controller</dt><dd>Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon</dd>", notice);
        Assert.Contains("<dt>Data protection officer</dt><dd>Claire Martin", notice);
        Assert.Contains("<dt>Purpose</dt><dd>Answering your contact or quote request.</dd>", notice);
        Assert.Contains("<dt>Legal basis</dt><dd>The performance of a contract, or steps taken at your request before entering into one (GDPR Art. 6(1)(b)).</dd>", notice);
        Assert.Contains("<dt>Recipients</dt><dd>Atelier Dupont's sales team.</dd>", notice);
        Assert.Contains("<dt>Retention</dt><dd>3 years from when you send the form.</dd>", notice);
        Assert.Contains("<dt>Your rights</dt><dd>You may access your data", notice);
        Assert.Contains("<dt>Complaint</dt><dd>You may lodge a complaint with the supervisory authority: CNIL", notice);
        Assert.Contains(">Privacy notice</a>", notice);
    }

    [Fact]
    public async Task LandingPage_OfTheQuoteRequest_ShowsTheNotice()
    {
        using var app = new OptinWebFactory();
        var notice = Section(WebUtility.HtmlDecode(await app.Client().GetStringAsync("/contact")));

        Assert.Contains("<dt>Finalité</dt><dd>Répondre à votre demande de contact ou de devis.</dd>", notice);
    }

    [Fact]
    public async Task GetForm_ConsentOnlyForm_KeepsItsMarkupWithoutANotice()
    {
        using var app = new OptinWebFactory();
        var html = await app.Client().GetStringAsync("/optin/forms/newsletter");

        Assert.DoesNotContain("optin-processing", html);
        Assert.Contains("<fieldset class=\"optin-consents\"", html);
    }
}
