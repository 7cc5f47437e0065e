namespace Optin.Forms.Cli.Tests;

/// <summary>A site's settings with a SQLite store in <c>data/optin.db</c> beside them, for the commands that use a store.</summary>
internal static class StoreSettings
{
    public const string Json = """
        {
          "ConnectionStrings": { "Optin": "Data Source=data/optin.db" },
          "OptinForms": {
            "BaseUrl": "https://example.test",
            "Mail": { "From": "Atelier Dupont <bonjour@atelier-dupont.example>" },
            "DefaultCulture": "fr",
            "Storage": { "Provider": "Sqlite" },
            "DataProtection": { "Controller": "Atelier Dupont SARL", "PrivacyNoticeUrl": "/confidentialite" },
            "Purposes": {
              "newsletter": {
                "Marketing": true,
                "Retention": "1095.00:00:00",
                "Texts": { "fr": { "Consent": "J'accepte de recevoir la lettre d'information.", "Purpose": "Envoi de la lettre d'information." } }
              }
            },
            "Forms": {
              "newsletter": {
                "Fields": [ { "Name": "email", "Kind": "Email", "Required": true }, { "Name": "firstName", "MaxLength": 40 } ],
                "Consents": [ "newsletter" ]
              }
            }
          }
        }
        """;
}
