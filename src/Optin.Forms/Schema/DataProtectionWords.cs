using System.Collections.Frozen;
using System.Globalization;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>
/// The fixed wording of the Art. 13 notice and of the record of processing, in French and English; other cultures
/// fall back to English.
/// </summary>
internal static class DataProtectionWords
{
    private static readonly FrozenDictionary<string, string> French = new Dictionary<string, string>
    {
        ["NoticeHeading"] = "Utilisation de vos données",
        ["controller"] = "Responsable du traitement",
        ["contact"] = "Contact",
        ["dpo"] = "Délégué à la protection des données",
        ["purpose"] = "Finalité",
        ["legalBasis"] = "Base légale",
        ["recipients"] = "Destinataires",
        ["retention"] = "Durée de conservation",
        ["rights"] = "Vos droits",
        ["complaint"] = "Réclamation",
        ["PrivacyNotice"] = "Politique de confidentialité",
        ["NoRecipients"] = "Le personnel habilité du responsable du traitement uniquement.",
        ["RetentionFromSubmission"] = "{0} à compter de l'envoi du formulaire.",
        ["RightsIntro"] = "Vous pouvez accéder à vos données, les faire rectifier ou effacer, demander la limitation de leur traitement",
        ["RightsObject"] = ", vous opposer à leur traitement",
        ["RightsPortability"] = ", en demander la portabilité",
        ["RightsContact"] = ", en écrivant à : {0}.",
        ["RightsEnd"] = ".",
        ["Complaint"] = "Vous pouvez introduire une réclamation auprès de l'autorité de contrôle : {0}.",
        ["Basis.Consent"] = "Votre consentement (RGPD, art. 6.1.a).",
        ["Basis.Contract"] = "L'exécution d'un contrat ou de mesures précontractuelles prises à votre demande (RGPD, art. 6.1.b).",
        ["Basis.LegitimateInterest"] = "L'intérêt légitime du responsable du traitement (RGPD, art. 6.1.f) : {0}",
        ["Basis.LegalObligation"] = "Le respect d'une obligation légale (RGPD, art. 6.1.c).",
        ["Record.Consent"] = "Consentement de la personne concernée (RGPD, art. 6.1.a)",
        ["Record.Contract"] = "Exécution d'un contrat ou de mesures précontractuelles prises à la demande de la personne (RGPD, art. 6.1.b)",
        ["Record.LegitimateInterest"] = "Intérêt légitime (RGPD, art. 6.1.f) : {0}",
        ["Record.LegalObligation"] = "Respect d'une obligation légale (RGPD, art. 6.1.c)",
        ["R.Title"] = "Registre des activités de traitement (RGPD, art. 30)",
        ["R.Generated"] = "Généré le {0} à partir de la configuration Optin.Forms.",
        ["R.ControllerSection"] = "Responsable du traitement",
        ["R.Controller"] = "Responsable du traitement",
        ["R.ControllerContact"] = "Coordonnées",
        ["R.Dpo"] = "Délégué à la protection des données",
        ["R.SupervisoryAuthority"] = "Autorité de contrôle",
        ["R.ConsentPurpose"] = "finalité fondée sur le consentement",
        ["R.FormProcessing"] = "traitement des données du formulaire",
        ["R.Purpose"] = "Finalité",
        ["R.ConsentText"] = "Texte du consentement",
        ["R.LegalBasis"] = "Base légale",
        ["R.Marketing"] = "Prospection commerciale",
        ["R.DataSubjects"] = "Catégories de personnes concernées",
        ["R.DataCategories"] = "Catégories de données personnelles",
        ["R.Forms"] = "Collectées par les formulaires",
        ["R.Recipients"] = "Destinataires",
        ["R.Transfers"] = "Transferts hors de l'Union européenne",
        ["R.Retention"] = "Durée de conservation",
        ["R.Security"] = "Mesures de sécurité techniques et organisationnelles",
        ["R.PrivacyNotice"] = "Politique de confidentialité",
        ["R.KeptSection"] = "Autres données conservées par Optin.Forms",
        ["R.Content"] = "Contenu",
        ["R.Yes"] = "oui", ["R.No"] = "non", ["R.None"] = "aucun", ["R.NotSet"] = "non renseigné",
        ["R.NoTransfers"] = "Aucun transfert hors de l'Union européenne déclaré.",
        ["R.SecurityToComplete"] = "À compléter par le responsable du traitement (OptinForms:DataProtection:SecurityMeasures).",
        ["R.SubjectsMarketing"] = "Prospects et clients ayant donné leur consentement sur un formulaire",
        ["R.SubjectsConsent"] = "Personnes ayant donné leur consentement sur un formulaire",
        ["R.SubjectsForm"] = "Personnes ayant envoyé le formulaire « {0} »",
        ["R.ConsentProofData"] = "preuve du consentement : date, textes présentés, version du formulaire, page d'origine, adresse IP et navigateur selon la configuration",
        ["R.SubmissionData"] = "la demande envoyée : date, page d'origine, adresse IP et navigateur selon la configuration",
        ["R.RetentionPurpose"] = "{0} après le dernier contact actif",
        ["R.RetentionForm"] = "{0} à compter de l'envoi du formulaire",
        ["R.RetentionNone"] = "non configurée",
        ["R.MailTo"] = "e-mail à {0} (règle « {1} »)",
        ["R.WebhookTo"] = "webhook vers {0} (règle « {1} »)",
        ["R.WebhookWith"] = "webhook vers {0} (règle « {1} ») : identifiants et {2}",
        ["R.WebhookEmail"] = "adresse e-mail",
        ["R.WebhookFields"] = "champs {0}",
        ["R.CustomAction"] = "action « {0} » (règle « {1} ») : destinataires à préciser par le responsable du traitement",
        ["R.Smtp"] = "serveur SMTP {0} (sous-traitant qui achemine les e-mails)",
        ["R.SmtpUnknown"] = "serveur SMTP configuré dans le code (sous-traitant qui achemine les e-mails)",
        ["R.Pickup"] = "dossier de dépôt {0} : les e-mails y sont écrits, le service qui les achemine ensuite est un sous-traitant",
        ["K.consentProof"] = "Preuve du consentement (registre)",
        ["K.consentProof.Content"] = "chaque consentement, confirmation, retrait ou effacement : date, texte exact présenté, version du formulaire, page d'origine, adresse IP et navigateur selon la configuration",
        ["K.consentProof.Retention"] = "aussi longtemps que le contact est conservé, puis effacée avec lui",
        ["K.consentProof.Archive"] = "aussi longtemps que le contact est conservé, puis en archivage intermédiaire, à accès restreint, pendant {0}",
        ["K.unconfirmed"] = "Demandes non confirmées",
        ["K.unconfirmed.Content"] = "adresse et données d'une inscription dont le lien de confirmation n'a pas été suivi",
        ["K.unconfirmed.Retention"] = "{0} après la demande, puis effacées",
        ["K.suppression"] = "Liste d'opposition",
        ["K.suppression.Content"] = "empreinte à clé de l'adresse e-mail (jamais l'adresse elle-même) d'une personne effacée ou qui a signalé « ce n'était pas moi »",
        ["K.suppression.Retention"] = "{0} après un effacement ; {1} après « ce n'était pas moi »",
        ["K.tombstones"] = "Traces d'effacement",
        ["K.tombstones.Content"] = "date, auteur et référence de chaque effacement, sans donnée personnelle",
        ["K.tombstones.Retention"] = "{0} après l'effacement",
        ["K.jobs"] = "Historique des envois (tâches)",
        ["K.jobs.Content"] = "chaque e-mail ou webhook exécuté : date, règle, destinataire, résultat",
        ["K.jobs.Retention"] = "{0} après la fin de la tâche",
        ["year"] = "an", ["years"] = "ans", ["month"] = "mois", ["months"] = "mois",
        ["day"] = "jour", ["days"] = "jours", ["hour"] = "heure", ["hours"] = "heures",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["NoticeHeading"] = "How your data is used",
        ["controller"] = "Data controller",
        ["contact"] = "Contact",
        ["dpo"] = "Data protection officer",
        ["purpose"] = "Purpose",
        ["legalBasis"] = "Legal basis",
        ["recipients"] = "Recipients",
        ["retention"] = "Retention",
        ["rights"] = "Your rights",
        ["complaint"] = "Complaint",
        ["PrivacyNotice"] = "Privacy notice",
        ["NoRecipients"] = "The controller's authorised staff only.",
        ["RetentionFromSubmission"] = "{0} from when you send the form.",
        ["RightsIntro"] = "You may access your data, have it corrected or erased, ask for its processing to be restricted",
        ["RightsObject"] = ", object to its processing",
        ["RightsPortability"] = ", ask for it in a portable format",
        ["RightsContact"] = ", by writing to: {0}.",
        ["RightsEnd"] = ".",
        ["Complaint"] = "You may lodge a complaint with the supervisory authority: {0}.",
        ["Basis.Consent"] = "Your consent (GDPR Art. 6(1)(a)).",
        ["Basis.Contract"] = "The performance of a contract, or steps taken at your request before entering into one (GDPR Art. 6(1)(b)).",
        ["Basis.LegitimateInterest"] = "The controller's legitimate interest (GDPR Art. 6(1)(f)): {0}",
        ["Basis.LegalObligation"] = "Compliance with a legal obligation (GDPR Art. 6(1)(c)).",
        ["Record.Consent"] = "Consent of the data subject (GDPR Art. 6(1)(a))",
        ["Record.Contract"] = "Performance of a contract, or steps taken at the person's request before entering into one (GDPR Art. 6(1)(b))",
        ["Record.LegitimateInterest"] = "Legitimate interest (GDPR Art. 6(1)(f)): {0}",
        ["Record.LegalObligation"] = "Compliance with a legal obligation (GDPR Art. 6(1)(c))",
        ["R.Title"] = "Record of processing activities (GDPR Art. 30)",
        ["R.Generated"] = "Generated {0} from the Optin.Forms configuration.",
        ["R.ControllerSection"] = "Controller",
        ["R.Controller"] = "Controller",
        ["R.ControllerContact"] = "Contact details",
        ["R.Dpo"] = "Data protection officer",
        ["R.SupervisoryAuthority"] = "Supervisory authority",
        ["R.ConsentPurpose"] = "consent purpose",
        ["R.FormProcessing"] = "processing of the form's data",
        ["R.Purpose"] = "Purpose",
        ["R.ConsentText"] = "Consent text",
        ["R.LegalBasis"] = "Legal basis",
        ["R.Marketing"] = "Direct marketing",
        ["R.DataSubjects"] = "Categories of data subjects",
        ["R.DataCategories"] = "Categories of personal data",
        ["R.Forms"] = "Collected by forms",
        ["R.Recipients"] = "Recipients",
        ["R.Transfers"] = "Transfers outside the European Union",
        ["R.Retention"] = "Retention",
        ["R.Security"] = "Technical and organisational security measures",
        ["R.PrivacyNotice"] = "Privacy notice",
        ["R.KeptSection"] = "Other records Optin.Forms keeps",
        ["R.Content"] = "Content",
        ["R.Yes"] = "yes", ["R.No"] = "no", ["R.None"] = "none", ["R.NotSet"] = "not set",
        ["R.NoTransfers"] = "No transfer outside the European Union declared.",
        ["R.SecurityToComplete"] = "To be completed by the controller (OptinForms:DataProtection:SecurityMeasures).",
        ["R.SubjectsMarketing"] = "Prospects and customers who gave consent on a form",
        ["R.SubjectsConsent"] = "People who gave consent on a form",
        ["R.SubjectsForm"] = "People who sent the form '{0}'",
        ["R.ConsentProofData"] = "proof of consent: date, texts shown, form version, source page, IP address and user agent as configured",
        ["R.SubmissionData"] = "the submission: date, source page, IP address and user agent as configured",
        ["R.RetentionPurpose"] = "{0} after the last active contact",
        ["R.RetentionForm"] = "{0} after the form was sent",
        ["R.RetentionNone"] = "not configured",
        ["R.MailTo"] = "email to {0} (rule '{1}')",
        ["R.WebhookTo"] = "webhook to {0} (rule '{1}')",
        ["R.WebhookWith"] = "webhook to {0} (rule '{1}'): ids and {2}",
        ["R.WebhookEmail"] = "email address",
        ["R.WebhookFields"] = "fields {0}",
        ["R.CustomAction"] = "action '{0}' (rule '{1}'): recipients to be stated by the controller",
        ["R.Smtp"] = "SMTP server {0} (processor relaying the emails)",
        ["R.SmtpUnknown"] = "SMTP server configured in code (processor relaying the emails)",
        ["R.Pickup"] = "pickup directory {0}: emails are written there; the service that relays them is a processor",
        ["K.consentProof"] = "Consent proof (ledger)",
        ["K.consentProof.Content"] = "every consent, confirmation, withdrawal or erasure: date, exact text shown, form version, source page, IP address and user agent as configured",
        ["K.consentProof.Retention"] = "as long as the contact is kept, then erased with it",
        ["K.consentProof.Archive"] = "as long as the contact is kept, then in the intermediate archive, restricted, for {0}",
        ["K.unconfirmed"] = "Unconfirmed requests",
        ["K.unconfirmed.Content"] = "address and data of a sign-up whose confirmation link was not followed",
        ["K.unconfirmed.Retention"] = "{0} after the request, then erased",
        ["K.suppression"] = "Suppression list",
        ["K.suppression.Content"] = "a keyed hash of the email address (never the address itself) of a person erased or who reported 'this was not me'",
        ["K.suppression.Retention"] = "{0} after an erasure; {1} after 'this was not me'",
        ["K.tombstones"] = "Erasure tombstones",
        ["K.tombstones.Content"] = "date, author and reference of each erasure, without personal data",
        ["K.tombstones.Retention"] = "{0} after the erasure",
        ["K.jobs"] = "Job history",
        ["K.jobs.Content"] = "every email or webhook run: date, rule, recipient, outcome",
        ["K.jobs.Retention"] = "{0} after the job finished",
        ["year"] = "year", ["years"] = "years", ["month"] = "month", ["months"] = "months",
        ["day"] = "day", ["days"] = "days", ["hour"] = "hour", ["hours"] = "hours",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The culture whose words are used for <paramref name="culture"/>: <c>fr</c> or <c>en</c>.</summary>
    public static string WordsCulture(string? culture) =>
        culture is not null && (culture.Equals("fr", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? "fr"
            : "en";

    public static string Get(string? culture, string key)
    {
        var texts = WordsCulture(culture) == "fr" ? French : English;
        return texts.TryGetValue(key, out var text) ? text : English.GetValueOrDefault(key, key);
    }

    public static string Format(string? culture, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(culture, key), args);

    /// <summary>The legal basis in words, addressed to the person (<paramref name="record"/> false) or for the record.</summary>
    public static string LegalBasis(string? culture, LegalBasis basis, string? interest, bool record) =>
        Format(culture, (record ? "Record." : "Basis.") + basis, interest ?? string.Empty).TrimEnd();

    /// <summary>A duration in words: whole years, months (of 30 days), days or hours.</summary>
    public static string Duration(string? culture, Duration duration)
    {
        var days = duration.TotalDays;
        var years = Math.Round(days / 365.25);
        if (years >= 1 && Math.Abs(days - (years * 365.25)) <= 1.5)
        {
            return Count(culture, years, "year");
        }

        if (days >= 30 && days % 30 == 0)
        {
            return Count(culture, days / 30, "month");
        }

        return days >= 1 && days % 1 == 0 ? Count(culture, days, "day") : Count(culture, Math.Ceiling(duration.TotalHours), "hour");
    }

    private static string Count(string? culture, double count, string unit) =>
        count.ToString("0", CultureInfo.InvariantCulture) + " " + Get(culture, count == 1 ? unit : unit + "s");
}
