namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// The browser fixture with a second consent on the sample's newsletter form (sharing with a webinar co-host) and the
/// sample's own confirmation rules off: the built-in rule confirms both purposes with one email (#18).
/// </summary>
public sealed class TwoConsentsBrowserFixture : BrowserFixture
{
    public const string CohostConsentFr = "J'accepte que mes coordonnées soient transmises au co-organisateur du webinaire.";

    public const string CohostPurposeFr = "Le co-organisateur du webinaire reçoit votre nom et votre adresse pour vous inviter à ses sessions.";

    protected override (string Key, string? Value)[] ExtraSettings =>
    [
        ("OptinForms:Purposes:webinar-cohost:Marketing", "false"),
        ("OptinForms:Purposes:webinar-cohost:Retention", "365.00:00:00"),
        ("OptinForms:Purposes:webinar-cohost:Texts:fr:Consent", CohostConsentFr),
        ("OptinForms:Purposes:webinar-cohost:Texts:fr:Purpose", CohostPurposeFr),
        ("OptinForms:Purposes:webinar-cohost:Texts:en:Consent", "I agree that my details go to the webinar's co-host."),
        ("OptinForms:Purposes:webinar-cohost:Texts:en:Purpose", "The webinar's co-host gets your name and address to invite you to its sessions."),
        ("OptinForms:Forms:newsletter:Consents:1", "webinar-cohost"),
        ("OptinForms:Rules:0:Enabled", "false"),
        ("OptinForms:Rules:1:Enabled", "false"),
    ];
}
