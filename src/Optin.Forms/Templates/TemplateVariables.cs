namespace Optin.Forms.Templates;

/// <summary>
/// The variables each kind of template can read: what the start-time check allows (AUTH-1), what <c>optin preview</c>
/// fills in, and what docs/templates.md lists (a test keeps the page and this table in agreement).
/// </summary>
internal static class TemplateVariables
{
    private static readonly TemplateVariable ConfirmUrl = new(nameof(EmailModel.ConfirmUrl),
        "The confirmation link. A double opt-in email must show it, in its HTML and in its text.", "https://example.org/optin/confirm/SAMPLE-TOKEN");

    private static readonly TemplateVariable ExpiresInDays = new(nameof(EmailModel.ExpiresInDays),
        "How many days the confirmation link works (OptinForms:DoubleOptin:TokenLifetime, rounded up).", "7");

    private static readonly TemplateVariable Controller = new(nameof(EmailModel.Controller),
        "The data controller of the purpose (OptinForms:Purposes:{id}:Controller).", "Example SAS");

    private static readonly TemplateVariable PurposeText = new(nameof(EmailModel.PurposeText),
        "The purpose's text in the email's culture (OptinForms:Purposes:{id}:Text).", "Recevoir notre lettre d'information.");

    private static readonly TemplateVariable SiteUrl = new(nameof(EmailModel.SiteUrl), "The site's address (OptinForms:BaseUrl).", "https://example.org");

    private static readonly TemplateVariable Culture = new(nameof(EmailModel.Culture), "The email's culture, for example fr.", "fr");

    private static readonly TemplateVariable UnsubscribeUrl = new(nameof(EmailModel.UnsubscribeUrl),
        "The one-click unsubscribe link; a marketing email must show it in its HTML (WD-1). Empty in mail that is not marketing.",
        "https://example.org/optin/unsubscribe/SAMPLE-TOKEN");

    private static readonly TemplateVariable PreferencesUrl = new(nameof(EmailModel.PreferencesUrl),
        "The link to the person's preference page: each purpose they hold with the consent text they agreed to, to withdraw one, all, "
        + "or object to direct marketing (OptinForms:DoubleOptin:PreferencesTokenLifetime). Empty in mail that is not marketing.",
        "https://example.org/optin/preferences/SAMPLE-TOKEN");

    private static readonly TemplateVariable FormId = new(nameof(EmailModel.FormId), "The id of the form the person sent.", "newsletter");

    private static readonly TemplateVariable Email = new(nameof(EmailModel.Email), "The person's email address.", "marie.dupont@example.org");

    private static readonly TemplateVariable Fields = new(nameof(EmailModel.Fields),
        "The form's fields by name, as shown to a reader: Fields.firstName; for a field with Options, the option's label in the email's culture. "
        + "Only the fields of the forms the template is sent for (the email field is Email).", "Fields.firstName = Marie");

    private static readonly TemplateVariable Values = new(nameof(EmailModel.Values),
        "The same fields as they were posted: Values.topic is the option's value (it), where Fields.topic is its label (Informatique).",
        "Values.topic = it");

    private static readonly TemplateVariable Consents = new(nameof(EmailModel.Consents),
        "The purposes consented to in the submission (a list of purpose ids).", "newsletter");

    private static readonly TemplateVariable Purposes = new(nameof(EmailModel.Purposes),
        "The purposes this email confirms (every purpose ticked in the submission), each with Id, Consent (its consent text), "
        + "Text (its purpose text) and Controller, in the email's culture: {% for p in Purposes %}{{ p.Consent }}{% endfor %}.",
        "Purposes[0].Consent = J'accepte de recevoir la lettre d'information.");

    /// <summary>The variables of a landing page template (rendered by Optin.Forms.AspNetCore).</summary>
    private static readonly TemplateVariable[] LandingPage =
    [
        new("title", "The landing page's title in the page's culture (OptinForms:LandingPages:{slug}:Title).", "Webinaire RGPD"),
        new("culture", "The page's culture, for example fr.", "fr"),
        new("path", "The page's path, for example /webinar.", "/webinar"),
        new("form", "The rendered form; where the template does not show it, the form follows the template. A full page (Layout: None) must show it.", "<form>…</form>"),
        new("assets", "The tags of the form's stylesheet and scripts, served from this site, for the head of a full page (Layout: None), which must show it. Empty in the default layout, whose head has them.", "<link rel=\"stylesheet\" href=\"/optin/assets/optin.css\">"),
    ];

    /// <summary>The variables of <paramref name="kind"/>, in the order the reference lists them.</summary>
    public static IReadOnlyList<TemplateVariable> Of(TemplateKind kind) => kind switch
    {
        TemplateKind.DoubleOptin => [ConfirmUrl, ExpiresInDays, Purposes, Controller, PurposeText, SiteUrl, Culture],
        TemplateKind.Marketing => [Email, Fields, Values, FormId, Consents, UnsubscribeUrl, PreferencesUrl, Controller, PurposeText, SiteUrl, Culture],
        TemplateKind.Notification => [FormId, Email, Fields, Values, Consents, Controller, PurposeText, SiteUrl, Culture],
        TemplateKind.LandingPage => LandingPage,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The variables of an email template that no rule sends yet: any the email model has.</summary>
    public static IReadOnlyList<TemplateVariable> AnyEmail { get; } =
        [.. new[] { TemplateKind.DoubleOptin, TemplateKind.Marketing, TemplateKind.Notification }.SelectMany(Of).DistinctBy(v => v.Name)];

    /// <summary>Names that hold a collection keyed by field name.</summary>
    public static bool IsFieldMap(string name) => name is nameof(EmailModel.Fields) or nameof(EmailModel.Values);
}
