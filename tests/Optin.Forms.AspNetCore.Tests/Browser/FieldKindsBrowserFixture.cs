namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// The browser fixture with a form holding one field of every kind, a landing page for it in the default layout
/// (<c>/champs</c>) and one written as a full page (<c>/champs-page</c>, Layout: None, with an include).
/// </summary>
public sealed class FieldKindsBrowserFixture : BrowserFixture
{
    protected override bool RealDoubleOptin => false;

    protected override (string Key, string? Value)[] ExtraSettings => Settings;

    /// <summary>The owner's full page and the banner it includes.</summary>
    internal const string FullPage = """
        <!DOCTYPE html>
        <html lang="{{ culture }}" class="owner-page">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{ title }}</title>
        {{ assets }}
        </head>
        <body>
        {% include 'partials/banner' %}
        <main id="main">
        <h1>{{ title }}</h1>
        {{ form }}
        </main>
        </body>
        </html>
        """;

    /// <summary>A template root of this fixture's own, with the full page and the banner it includes.</summary>
    internal static readonly Lazy<string> TemplateRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "optin-kinds-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "partials"));
        File.WriteAllText(Path.Combine(root, "champs-full.html"), FullPage);
        File.WriteAllText(Path.Combine(root, "partials", "banner.liquid"), "<header class=\"owner-banner\"><p>Atelier Exemple</p></header>\n");
        return root;
    });

    internal static (string Key, string? Value)[] Settings
    {
        get
        {
            const string F = "OptinForms:Forms:kinds:Fields";
            return
            [
                ("OptinForms:Forms:kinds:Title:fr", "Votre projet"),
                ("OptinForms:Forms:kinds:Title:en", "Your project"),
                ("OptinForms:Forms:kinds:SuccessPage", "/merci"),
                ("OptinForms:Forms:kinds:DefaultRegion", "FR"),
                ("OptinForms:Forms:kinds:Consents:0", "newsletter"),
                ("OptinForms:Forms:kinds:Processing:Purpose:fr", "Répondre à votre demande."),
                ("OptinForms:Forms:kinds:Processing:Purpose:en", "Answering your request."),
                ("OptinForms:Forms:kinds:Processing:LegalBasis", "Contract"),
                ("OptinForms:Forms:kinds:Processing:Retention", "365.00:00:00"),
                ($"{F}:0:Name", "email"), ($"{F}:0:Kind", "Email"), ($"{F}:0:Required", "true"),
                ($"{F}:0:Label:fr", "Adresse e-mail"), ($"{F}:0:Label:en", "Email address"),
                ($"{F}:1:Name", "topic"), ($"{F}:1:Kind", "Radio"), ($"{F}:1:Required", "true"),
                ($"{F}:1:Label:fr", "Votre demande"), ($"{F}:1:Label:en", "Your request"),
                ($"{F}:1:Options:0:Value", "quote"), ($"{F}:1:Options:0:Label:fr", "Un devis"), ($"{F}:1:Options:0:Label:en", "A quote"),
                ($"{F}:1:Options:1:Value", "info"), ($"{F}:1:Options:1:Label:fr", "Une information"), ($"{F}:1:Options:1:Label:en", "Some information"),
                ($"{F}:2:Name", "interests"), ($"{F}:2:Kind", "CheckboxGroup"), ($"{F}:2:MaxChoices", "2"),
                ($"{F}:2:Label:fr", "Vos centres d'intérêt"), ($"{F}:2:Label:en", "Your interests"),
                ($"{F}:2:Options:0:Value", "news"), ($"{F}:2:Options:0:Label:fr", "Actualités"), ($"{F}:2:Options:0:Label:en", "News"),
                ($"{F}:2:Options:1:Value", "events"), ($"{F}:2:Options:1:Label:fr", "Événements"), ($"{F}:2:Options:1:Label:en", "Events"),
                ($"{F}:2:Options:2:Value", "training"), ($"{F}:2:Options:2:Label:fr", "Formations"), ($"{F}:2:Options:2:Label:en", "Training"),
                ($"{F}:3:Name", "products"), ($"{F}:3:Kind", "MultiSelect"),
                ($"{F}:3:Label:fr", "Produits"), ($"{F}:3:Label:en", "Products"),
                ($"{F}:3:Options:0:Value", "crm"), ($"{F}:3:Options:0:Label:fr", "CRM"),
                ($"{F}:3:Options:1:Value", "erp"), ($"{F}:3:Options:1:Label:fr", "ERP"),
                ($"{F}:3:Options:2:Value", "web"), ($"{F}:3:Options:2:Label:fr", "Site web"),
                ($"{F}:4:Name", "seats"), ($"{F}:4:Kind", "Number"), ($"{F}:4:Min", "1"), ($"{F}:4:Max", "10"),
                ($"{F}:4:Label:fr", "Nombre de places"), ($"{F}:4:Label:en", "Seats"),
                ($"{F}:5:Name", "visit"), ($"{F}:5:Kind", "Date"), ($"{F}:5:Min", "2026-01-01"), ($"{F}:5:Max", "2026-12-31"),
                ($"{F}:5:Label:fr", "Date de visite"), ($"{F}:5:Label:en", "Visit date"),
                ($"{F}:6:Name", "phone"), ($"{F}:6:Kind", "Phone"),
                ($"{F}:6:Label:fr", "Téléphone"), ($"{F}:6:Label:en", "Telephone"),
                ($"{F}:7:Name", "firstName"), ($"{F}:7:Kind", "Text"), ($"{F}:7:MaxLength", "20"),
                ($"{F}:7:Label:fr", "Prénom"), ($"{F}:7:Label:en", "First name"),
                ($"{F}:8:Name", "message"), ($"{F}:8:Kind", "TextArea"),
                ($"{F}:8:Label:fr", "Votre message"), ($"{F}:8:Label:en", "Your message"),
                ($"{F}:9:Name", "size"), ($"{F}:9:Kind", "Select"),
                ($"{F}:9:Label:fr", "Taille de l'entreprise"), ($"{F}:9:Label:en", "Company size"),
                ($"{F}:9:Options:0:Value", "small"), ($"{F}:9:Options:0:Label:fr", "Moins de 10 personnes"), ($"{F}:9:Options:0:Label:en", "Under 10 people"),
                ($"{F}:9:Options:1:Value", "large"), ($"{F}:9:Options:1:Label:fr", "10 personnes ou plus"), ($"{F}:9:Options:1:Label:en", "10 people or more"),
                ($"{F}:10:Name", "pro"), ($"{F}:10:Kind", "Checkbox"),
                ($"{F}:10:Label:fr", "Je suis un professionnel"), ($"{F}:10:Label:en", "I am a professional"),
                ($"{F}:11:Name", "campaign"), ($"{F}:11:Kind", "Hidden"), ($"{F}:11:Value", "salon-2026"),
                // The same form on a full page (Layout: None) written by the owner, with a file included from the template root.
                ("OptinForms:TemplateRoot", TemplateRoot.Value),
                ("OptinForms:LandingPages:champs-page:Path", "/champs-page"),
                ("OptinForms:LandingPages:champs-page:Form", "kinds"),
                ("OptinForms:LandingPages:champs-page:Layout", "None"),
                ("OptinForms:LandingPages:champs-page:Template", "champs-full"),
                ("OptinForms:LandingPages:champs-page:Title:fr", "Votre projet, en une page"),
                ("OptinForms:LandingPages:champs-page:Title:en", "Your project, on one page"),
                ("OptinForms:Templates:champs-full:HtmlFile", "champs-full.html"),
                ("OptinForms:LandingPages:champs:Path", "/champs"),
                ("OptinForms:LandingPages:champs:Form", "kinds"),
                ("OptinForms:LandingPages:champs:Title:fr", "Parlez-nous de votre projet"),
                ("OptinForms:LandingPages:champs:Title:en", "Tell us about your project"),
            ];
        }
    }
}
