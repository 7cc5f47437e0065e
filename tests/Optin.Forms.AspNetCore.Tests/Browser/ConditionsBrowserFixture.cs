namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>The browser fixture with a form whose fields are shown on conditions: on a radio group, a checkbox and a checkbox group.</summary>
public sealed class ConditionsBrowserFixture : BrowserFixture
{
    protected override bool RealDoubleOptin => false;

    protected override (string Key, string? Value)[] ExtraSettings => Settings;

    internal static (string Key, string? Value)[] Settings
    {
        get
        {
            const string F = "OptinForms:Forms:devis:Fields";
            return
            [
                ("OptinForms:Forms:devis:Title:fr", "Votre projet"),
                ("OptinForms:Forms:devis:Title:en", "Your project"),
                ("OptinForms:Forms:devis:SuccessPage", "/merci"),
                ("OptinForms:Forms:devis:Consents:0", "newsletter"),
                ("OptinForms:Forms:devis:Processing:Purpose:fr", "Répondre à votre demande."),
                ("OptinForms:Forms:devis:Processing:Purpose:en", "Answering your request."),
                ("OptinForms:Forms:devis:Processing:LegalBasis", "Contract"),
                ("OptinForms:Forms:devis:Processing:Retention", "365.00:00:00"),
                ($"{F}:0:Name", "email"), ($"{F}:0:Kind", "Email"), ($"{F}:0:Required", "true"),
                ($"{F}:0:Label:fr", "Adresse e-mail"), ($"{F}:0:Label:en", "Email address"),
                ($"{F}:1:Name", "topic"), ($"{F}:1:Kind", "Radio"), ($"{F}:1:Required", "true"),
                ($"{F}:1:Label:fr", "Votre demande"), ($"{F}:1:Label:en", "Your request"),
                ($"{F}:1:Options:0:Value", "quote"), ($"{F}:1:Options:0:Label:fr", "Un devis"), ($"{F}:1:Options:0:Label:en", "A quote"),
                ($"{F}:1:Options:1:Value", "info"), ($"{F}:1:Options:1:Label:fr", "Une information"), ($"{F}:1:Options:1:Label:en", "Some information"),
                ($"{F}:2:Name", "budget"), ($"{F}:2:Kind", "Number"), ($"{F}:2:Required", "true"),
                ($"{F}:2:Label:fr", "Budget en euros"), ($"{F}:2:Label:en", "Budget in euros"),
                ($"{F}:2:ShowWhen:Field", "topic"), ($"{F}:2:ShowWhen:Equals", "quote"),
                ($"{F}:3:Name", "pro"), ($"{F}:3:Kind", "Checkbox"),
                ($"{F}:3:Label:fr", "Je suis un professionnel"), ($"{F}:3:Label:en", "I am a professional"),
                ($"{F}:4:Name", "company"), ($"{F}:4:Kind", "Text"),
                ($"{F}:4:Label:fr", "Société"), ($"{F}:4:Label:en", "Company"),
                ($"{F}:4:ShowWhen:Field", "pro"), ($"{F}:4:ShowWhen:Equals", "true"),
                ($"{F}:5:Name", "interests"), ($"{F}:5:Kind", "CheckboxGroup"),
                ($"{F}:5:Label:fr", "Vos centres d'intérêt"), ($"{F}:5:Label:en", "Your interests"),
                ($"{F}:5:Options:0:Value", "news"), ($"{F}:5:Options:0:Label:fr", "Actualités"), ($"{F}:5:Options:0:Label:en", "News"),
                ($"{F}:5:Options:1:Value", "events"), ($"{F}:5:Options:1:Label:fr", "Événements"), ($"{F}:5:Options:1:Label:en", "Events"),
                ($"{F}:6:Name", "session"), ($"{F}:6:Kind", "Select"), ($"{F}:6:Required", "true"),
                ($"{F}:6:Label:fr", "Session"), ($"{F}:6:Label:en", "Session"),
                ($"{F}:6:Options:0:Value", "spring"), ($"{F}:6:Options:0:Label:fr", "Printemps"), ($"{F}:6:Options:0:Label:en", "Spring"),
                ($"{F}:6:Options:1:Value", "autumn"), ($"{F}:6:Options:1:Label:fr", "Automne"), ($"{F}:6:Options:1:Label:en", "Autumn"),
                ($"{F}:6:ShowWhen:Field", "interests"), ($"{F}:6:ShowWhen:In:0", "events"),
            ];
        }
    }
}
