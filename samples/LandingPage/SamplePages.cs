namespace LandingPage;

/// <summary>The exhibitor's own pages around the forms: the confirmed page and the privacy notice.</summary>
internal static class SamplePages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/merci-confirmation", () => Page("Inscription confirmée",
            "<p>Merci ! Votre inscription à la lettre d'Atelier Dupont est confirmée. Un message de bienvenue arrive.</p>"
            + "<p><a href=\"/salon\">Retour à la page du salon</a></p>"));
        app.MapGet("/confidentialite", () => Page("Politique de confidentialité",
            "<p>Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon, traite votre adresse e-mail pour vous envoyer sa lettre "
            + "d'information, sur la base de votre consentement. Les données sont conservées trois ans après votre dernier "
            + "contact actif. Vous pouvez retirer votre consentement à tout moment avec le lien de désinscription présent "
            + "dans chaque message, et exercer vos droits d'accès, de rectification et d'effacement en écrivant à "
            + "bonjour@atelier-dupont.example.</p>"));
    }

    private static IResult Page(string title, string body) => Results.Content(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{title}</title><link rel=\"stylesheet\" href=\"/optin/assets/optin.css\"></head>\n"
        + $"<body><main class=\"optin-page\"><h1>{title}</h1>{body}</main></body>\n</html>\n",
        "text/html; charset=utf-8");
}
