using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using Optin.Forms.Schema;

namespace LandingPage;

/// <summary>
/// The exhibitor's own pages around the forms: the confirmed page and the privacy notice, both written from the same
/// configuration as the forms (controller, DPO, supervisory authority, each purpose and each form's processing), so
/// that what the notice says is what the site does.
/// </summary>
internal static class SamplePages
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static void Map(WebApplication app)
    {
        app.MapGet("/merci-confirmation", (IFormCatalogProvider catalogs, string? culture) => Confirmed(catalogs.Current, English(culture)));
        app.MapGet("/confidentialite", (IFormCatalogProvider catalogs, string? culture) => Privacy(catalogs.Current, English(culture)));
    }

    private static bool English(string? culture) => culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private static IResult Confirmed(FormCatalog catalog, bool en)
    {
        var culture = en ? "en" : "fr";
        var controller = catalog.DataProtection.Controller;
        var body = new StringBuilder()
            .Append("<p>").Append(en ? "Thank you! Your subscription is confirmed." : "Merci ! Votre inscription est confirmée.").Append("</p>")
            .Append("<p>").Append(E(en ? $"Data controller: {controller}." : $"Responsable du traitement : {controller}.")).Append("</p>");
        if (catalog.FindPurpose("newsletter") is { } newsletter)
        {
            body.Append("<p>").Append(E(newsletter.GetText(culture, catalog.DefaultCulture).Purpose)).Append("</p>");
        }

        body.Append("<p>").Append(en ? "A welcome email is on its way." : "Un message de bienvenue arrive.").Append("</p>")
            .Append("<p><a href=\"/salon").Append(en ? "?culture=en" : string.Empty).Append("\">")
            .Append(en ? "Back to the fair's page" : "Retour à la page du salon").Append("</a></p>");
        return Page(en ? "Subscription confirmed" : "Inscription confirmée", body.ToString(), culture);
    }

    private static IResult Privacy(FormCatalog catalog, bool en)
    {
        var culture = en ? "en" : "fr";
        var dp = catalog.DataProtection;
        var b = new StringBuilder();
        b.Append("<h2>").Append(en ? "Who processes your data" : "Qui traite vos données").Append("</h2><p>")
            .Append(E((en ? "Data controller: " : "Responsable du traitement : ") + dp.Controller)).Append("</p>");
        if (dp.Dpo is { } dpo)
        {
            b.Append("<p>").Append(E((en ? "Data protection officer (DPO): " : "Délégué à la protection des données (DPO) : ") + dpo)).Append("</p>");
        }

        if (catalog.FindPurpose("newsletter") is { } newsletter)
        {
            b.Append("<h2>").Append(en ? "The newsletter" : "La lettre d'information").Append("</h2><ul>")
                .Append(Li(en, en ? "Purpose" : "Finalité", newsletter.GetText(culture, catalog.DefaultCulture).Purpose))
                .Append(Li(en, en ? "Legal basis" : "Base légale", en
                    ? "your consent (GDPR Art. 6(1)(a)), which you can withdraw at any time with the unsubscribe link in every email"
                    : "votre consentement (RGPD art. 6.1.a), que vous pouvez retirer à tout moment par le lien de désinscription présent dans chaque message"))
                .Append(Li(en, en ? "Retention" : "Durée de conservation", Period(newsletter.Retention, en)
                    + (en ? " after your last active contact" : " après votre dernier contact actif")))
                .Append("</ul>");
        }

        if (catalog.FindForm("contact")?.Processing is { } quotes)
        {
            b.Append("<h2>").Append(en ? "Contact and quote requests" : "Les demandes de contact et de devis").Append("</h2><ul>")
                .Append(Li(en, en ? "Purpose" : "Finalité", quotes.Purpose.Get(culture, catalog.DefaultCulture)))
                .Append(Li(en, en ? "Legal basis" : "Base légale", Basis(quotes.LegalBasis, en)));
            if (quotes.LegitimateInterest.Get(culture, catalog.DefaultCulture) is { } interest)
            {
                b.Append(Li(en, en ? "Interest pursued" : "Intérêt poursuivi", interest));
            }

            b.Append(Li(en, en ? "Recipients" : "Destinataires", quotes.Recipients.Get(culture, catalog.DefaultCulture)))
                .Append(Li(en, en ? "Retention" : "Durée de conservation", Period(quotes.Retention, en) + (en ? " after the request" : " après la demande")))
                .Append("</ul>");
        }

        b.Append("<h2>").Append(en ? "Your rights" : "Vos droits").Append("</h2><p>")
            .Append(E(en
                ? "You may ask for access to your data, its rectification or erasure, restrict its processing, object to it, and receive the data you provided in a portable format. Write to: "
                : "Vous pouvez demander l'accès à vos données, leur rectification ou leur effacement, la limitation du traitement, vous y opposer, et recevoir les données que vous avez fournies dans un format portable. Écrivez à : "))
            .Append(E(dp.ControllerContact ?? dp.Controller)).Append(dp.Dpo is null ? string.Empty : E(en ? ", or to our DPO." : ", ou à notre DPO.")).Append("</p>")
            .Append("<h2>").Append(en ? "Complaint" : "Réclamation").Append("</h2><p>")
            .Append(E(en
                ? "You have the right to lodge a complaint with the supervisory authority, the CNIL: "
                : "Vous avez le droit d'introduire une réclamation auprès de l'autorité de contrôle, la CNIL : "))
            .Append(E(dp.SupervisoryAuthority)).Append(".</p>");
        return Page(en ? "Privacy notice" : "Politique de confidentialité", b.ToString(), culture);
    }

    private static string Basis(LegalBasis basis, bool en) => basis switch
    {
        LegalBasis.Contract => en
            ? "steps taken at your request before a contract (GDPR Art. 6(1)(b)): answering your request"
            : "mesures précontractuelles prises à votre demande (RGPD art. 6.1.b) : répondre à votre demande",
        LegalBasis.LegitimateInterest => en ? "our legitimate interests (GDPR Art. 6(1)(f))" : "notre intérêt légitime (RGPD art. 6.1.f)",
        LegalBasis.LegalObligation => en ? "a legal obligation (GDPR Art. 6(1)(c))" : "une obligation légale (RGPD art. 6.1.c)",
        _ => en ? "your consent (GDPR Art. 6(1)(a))" : "votre consentement (RGPD art. 6.1.a)",
    };

    private static string Period(Duration? retention, bool en)
    {
        var days = (long)(retention ?? Duration.FromDays(1095)).TotalDays;
        return days % 365 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days / 365} {(en ? (days == 365 ? "year" : "years") : (days == 365 ? "an" : "ans"))}")
            : string.Create(CultureInfo.InvariantCulture, $"{days} {(en ? "days" : "jours")}");
    }

    private static string Li(bool en, string label, string? value) =>
        value is null ? string.Empty : $"<li>{E(label)}{(en ? ": " : " : ")}{E(value)}</li>";

    private static string E(string? value) => value is null ? string.Empty : Encoder.Encode(value);

    private static IResult Page(string title, string body, string culture) => Results.Content(
        $"<!DOCTYPE html>\n<html lang=\"{culture}\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"/optin/assets/optin.css\"></head>\n"
        + $"<body><main class=\"optin-page\"><h1>{E(title)}</h1>{body}</main></body>\n</html>\n",
        "text/html; charset=utf-8");
}
