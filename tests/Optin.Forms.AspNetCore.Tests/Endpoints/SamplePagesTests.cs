using System.Net;
using System.Text.RegularExpressions;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

/// <summary>The sample says it right (#15, point 7): its privacy notice, the confirmation button and pages.</summary>
public sealed partial class SamplePagesTests : IDisposable
{
    private readonly OptinWebFactory _app = new() { RealDoubleOptin = true };

    public void Dispose() => _app.Dispose();

    [Theory]
    [Trait("Requirement", "PROC-1")]
    [InlineData("/confidentialite", "Claire Martin, déléguée à la protection des données, dpo@atelier-dupont.example",
        "réclamation auprès de l'autorité de contrôle, la CNIL", "Les demandes de contact et de devis", "Répondre à votre demande de contact ou de devis.",
        "mesures précontractuelles prises à votre demande (RGPD art. 6.1.b)", "Destinataires : Le service commercial d'Atelier Dupont.",
        "Durée de conservation : 3 ans après la demande")]
    [InlineData("/confidentialite?culture=en", "Data protection officer (DPO): Claire Martin",
        "lodge a complaint with the supervisory authority, the CNIL", "Contact and quote requests", "Answering your contact or quote request.",
        "steps taken at your request before a contract (GDPR Art. 6(1)(b))", "Recipients: Atelier Dupont's sales team.",
        "Retention: 3 years after the request")]
    public async Task PrivacyNotice_NamesTheDpoTheRightToComplainToTheCnilAndTheQuoteRequests(string path, params string[] expected)
    {
        var response = await _app.Client().GetAsync(path);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.Contains("CNIL, 3 place de Fontenoy", text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requirement", "DOI-2")]
    [InlineData("fr", "J'accepte de recevoir", "Les informations recueillies sur ce formulaire sont enregistrées par Atelier Dupont pour l'envoi de sa lettre d'information.")]
    [InlineData("en", "I agree to receive", "Atelier Dupont stores the details you give here to send you its newsletter.")]
    public async Task ConfirmationPage_ItsButtonSaysWhatTheEmailSaysToPress_AndItRestatesTheControllerAndThePurpose(string culture, string consent,
        string purpose)
    {
        var client = _app.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var session = new FormSession(client);
        await session.OpenAsync("/optin/forms/newsletter?culture=" + culture);
        Assert.Contains(consent, WebUtility.HtmlDecode(session.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.PostAsync("newsletter", ("email", Some.Email("button-" + culture)),
            ("consent.newsletter", "true"))).StatusCode);
        var email = Assert.Single(await _app.WaitForEmailsAsync(Some.Email("button-" + culture), 1));
        var told = ToldToPress().Match(email.TextBody ?? string.Empty);
        Assert.True(told.Success, "the email names no button");
        var link = ConfirmLink().Match(email.TextBody!).Value;

        var page = WebUtility.HtmlDecode(await (await client.GetAsync(new Uri(link).PathAndQuery)).Content.ReadAsStringAsync());
        var button = ConfirmButton().Match(page);

        Assert.True(button.Success, "no confirm button on the page");
        Assert.Equal(told.Groups["name"].Value, button.Groups["name"].Value);
        Assert.Contains("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon", page, StringComparison.Ordinal);
        Assert.Contains(purpose, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/merci-confirmation", "Responsable du traitement : Atelier Dupont SARL", "pour l'envoi de sa lettre d'information")]
    [InlineData("/merci-confirmation?culture=en", "Data controller: Atelier Dupont SARL", "to send you its newsletter")]
    public async Task ConfirmedPage_RestatesTheControllerAndThePurpose(string path, string controller, string purpose)
    {
        var text = WebUtility.HtmlDecode(await (await _app.Client().GetAsync(path)).Content.ReadAsStringAsync());

        Assert.Contains(controller, text, StringComparison.Ordinal);
        Assert.Contains(purpose, text, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?:bouton « (?<name>[^»]+) »|\"(?<name>[^\"]+)\" button)")]
    private static partial Regex ToldToPress();

    [GeneratedRegex(@"https://stand\.example/optin/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("<form[^>]*class=\"optin-confirm\"[^>]*>.*?<button[^>]*>(?<name>[^<]+)</button>", RegexOptions.Singleline)]
    private static partial Regex ConfirmButton();
}
