using System.Globalization;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.Rights;

/// <summary>The words of the evidence page in French and English (EVD-1): headings, labels, and enum values as words.</summary>
internal sealed class EvidenceTexts
{
    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly Dictionary<string, string> _words;

    private EvidenceTexts(string language, Dictionary<string, string> words)
    {
        Language = language;
        _words = words;
    }

    public static EvidenceTexts French { get; } = new("fr", Fr());

    public static EvidenceTexts English { get; } = new("en", En());

    /// <summary>The value of the page's <c>lang</c>.</summary>
    public string Language { get; }

    public bool IsFrench => Language == "fr";

    /// <summary>French for any <c>fr</c> culture, English otherwise.</summary>
    public static EvidenceTexts For(string? culture) =>
        culture is not null && (culture.Equals("fr", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? French
            : English;

    public string this[string key] => _words[key];

    public string? Find(string key) => _words.GetValueOrDefault(key);

    /// <summary>A local date and time with its UTC offset: "3 décembre 2026 à 10:15:32 (UTC+01:00)".</summary>
    public string When(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        var offset = local.Offset.ToTimeSpan();
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        // Month names are spelled here, not taken from the runtime's culture data, so that a host running with invariant
        // globalization still prints French dates.
        var month = (IsFrench ? FrenchMonths : EnglishMonths)[local.Month - 1];
        return string.Create(CultureInfo.InvariantCulture,
            $"{local.Day} {month} {local.Year} {_words["at"]} {local.Hour:00}:{local.Minute:00}:{local.Second:00} (UTC{sign}{offset:hh\\:mm}, {zone.Id})");
    }

    public string Kind(ConsentEventKind kind) => _words["kind." + kind];

    public string Method(ConsentMethod method) => _words["method." + method];

    public string State(OptinState state) => _words["state." + state];

    private static Dictionary<string, string> Fr() => new(StringComparer.Ordinal)
    {
        ["title"] = "Preuve du consentement",
        ["intro"] = "Ce document retrace, dans l'ordre, ce que la personne a fait et ce qui lui a été envoyé. Le récit vient d'abord ; "
            + "l'annexe technique reprend ensuite chaque champ enregistré et le contenu exact de chaque empreinte.",
        ["generated"] = "Document établi le",
        ["zone"] = "Heures indiquées dans le fuseau",
        ["controller"] = "Responsable du traitement",
        ["contact"] = "Personne (identifiant)",
        ["email"] = "Adresse électronique actuelle",
        ["created"] = "Première inscription",
        ["restricted"] = "Traitement limité (art. 18 RGPD)",
        ["yes"] = "oui",
        ["no"] = "non",
        ["account"] = "Récit des faits",
        ["annex"] = "Annexe technique",
        ["submissions"] = "Envois de formulaire",
        ["ledger"] = "Registre des consentements",
        ["contents"] = "Contenus archivés (par empreinte)",
        ["accesses"] = "Consultations de cette preuve",
        ["at"] = "à",
        ["on"] = "Le",
        ["none"] = "Aucun.",
        ["th.received"] = "Reçu",
        ["th.form"] = "Formulaire",
        ["th.consents"] = "Consentements cochés",
        ["th.page"] = "Page",
        ["th.ip"] = "Adresse IP",
        ["th.ua"] = "Navigateur (user agent)",
        ["th.when"] = "Date",
        ["th.what"] = "Événement",
        ["th.purpose"] = "Finalité",
        ["th.state"] = "État après",
        ["th.how"] = "Moyen",
        ["th.details"] = "Détails",
        ["th.sha"] = "Empreinte SHA-256",
        ["th.kind"] = "Nature",
        ["th.content"] = "Contenu exact",
        ["th.who"] = "Qui",
        ["version"] = "version",
        ["matches"] = " (correspond au texte)",
        ["mismatch"] = " (NE correspond PAS au texte)",
        ["missing"] = "contenu absent de l'archive",
        ["footnote"] = "Chaque empreinte est le SHA-256 en hexadécimal minuscule du contenu en UTF-8 ; elle a été recalculée lors de "
            + "l'établissement de ce document. Les liens secrets des e-mails sont remplacés par " + ContentArchive.TokenPlaceholder + ".",
        ["kind.Given"] = "Consentement donné",
        ["kind.Confirmed"] = "Consentement confirmé (double opt-in)",
        ["kind.Withdrawn"] = "Consentement retiré",
        ["kind.SetManually"] = "Modification manuelle",
        ["kind.SetInBulk"] = "Modification groupée",
        ["kind.Expired"] = "Demande non confirmée expirée",
        ["kind.Objected"] = "Opposition à la prospection",
        ["kind.Erased"] = "Données effacées",
        ["kind.EmailSent"] = "E-mail envoyé",
        ["kind.EmailChanged"] = "Adresse rectifiée",
        ["kind.ProcessingRestricted"] = "Traitement limité",
        ["kind.RestrictionLifted"] = "Limitation levée",
        ["kind.KindChanged"] = "Type de fiche modifié",
        ["kind.DoubleOptinRequested"] = "Demande de double opt-in envoyée par un opérateur",
        ["method.Form"] = "formulaire affiché par le site",
        ["method.Manual"] = "action d'un opérateur",
        ["method.Bulk"] = "action groupée d'un opérateur",
        ["method.Import"] = "import de contacts",
        ["method.EmailLink"] = "lien dans un e-mail",
        ["method.System"] = "le système lui-même",
        ["method.Api"] = "envoi par un programme (API)",
        ["state.None"] = "aucun",
        ["state.PendingConfirmation"] = "en attente de confirmation",
        ["state.OptedIn"] = "consentement valable",
        ["state.Withdrawn"] = "retiré",
        ["state.Expired"] = "expiré",
        ["label.Form"] = "Formulaire",
        ["label.Submission"] = "Envoi",
        ["label.PurposeVersion"] = "Version des textes",
        ["label.ConsentText"] = "Texte de la case",
        ["label.ConsentTextSha256"] = "SHA-256 du texte de la case",
        ["label.PurposeText"] = "Texte de la finalité",
        ["label.PurposeTextSha256"] = "SHA-256 du texte de la finalité",
        ["label.PrivacyNotice"] = "Politique de confidentialité",
        ["label.PrivacyNoticeSha256"] = "SHA-256 de la politique",
        ["label.Controller"] = "Responsable",
        ["label.Culture"] = "Langue",
        ["label.Page"] = "Page",
        ["label.IpAddress"] = "Adresse IP",
        ["label.UserAgent"] = "Navigateur",
        ["label.Template"] = "Modèle d'e-mail",
        ["label.TemplateSha256"] = "SHA-256 du modèle",
        ["label.MessageId"] = "Message-ID",
        ["label.Actor"] = "Opérateur",
        ["label.Reason"] = "Motif",
        ["label.LegalBasis"] = "Base légale",
        ["label.Address"] = "Adresse",
        ["label.PreviousAddress"] = "Adresse précédente",
        ["label.FormSha256"] = "SHA-256 du formulaire",
        ["label.ConsentBoxSha256"] = "SHA-256 de la case affichée",
        ["label.EmailSha256"] = "SHA-256 de l'e-mail envoyé",
        ["label.Hash"] = "Empreinte de l'entrée (chaîne LEDG-1)",
        ["label.PreviousHash"] = "Empreinte de l'entrée précédente",
        ["content.consent-text"] = "texte de case à cocher",
        ["content.purpose-text"] = "texte de finalité",
        ["content.form-definition"] = "définition du formulaire",
        ["content.consent-box"] = "case telle qu'affichée (non cochée)",
        ["content.email-template"] = "sources du modèle d'e-mail",
        ["content.email"] = "e-mail tel qu'envoyé (sans le lien secret)",
        ["content.privacy-notice"] = "politique de confidentialité en vigueur",
    };

    private static Dictionary<string, string> En() => new(StringComparer.Ordinal)
    {
        ["title"] = "Consent evidence",
        ["intro"] = "This document sets out, in order, what the person did and what was sent to them. The account comes first; the "
            + "technical annex then lists every recorded field and the exact content behind every hash.",
        ["generated"] = "Document produced on",
        ["zone"] = "Times are given in the time zone",
        ["controller"] = "Data controller",
        ["contact"] = "Person (identifier)",
        ["email"] = "Current email address",
        ["created"] = "First sign-up",
        ["restricted"] = "Processing restricted (GDPR Art. 18)",
        ["yes"] = "yes",
        ["no"] = "no",
        ["account"] = "Account of what happened",
        ["annex"] = "Technical annex",
        ["submissions"] = "Form submissions",
        ["ledger"] = "Consent ledger",
        ["contents"] = "Archived contents (by hash)",
        ["accesses"] = "Reads of this evidence",
        ["at"] = "at",
        ["on"] = "On",
        ["none"] = "None.",
        ["th.received"] = "Received",
        ["th.form"] = "Form",
        ["th.consents"] = "Consents ticked",
        ["th.page"] = "Page",
        ["th.ip"] = "IP address",
        ["th.ua"] = "User agent",
        ["th.when"] = "When",
        ["th.what"] = "Event",
        ["th.purpose"] = "Purpose",
        ["th.state"] = "State after",
        ["th.how"] = "How",
        ["th.details"] = "Details",
        ["th.sha"] = "SHA-256",
        ["th.kind"] = "Kind",
        ["th.content"] = "Exact content",
        ["th.who"] = "Who",
        ["version"] = "version",
        ["matches"] = " (matches the text)",
        ["mismatch"] = " (DOES NOT match the text)",
        ["missing"] = "content not in the archive",
        ["footnote"] = "Each hash is the lower-case hex SHA-256 of the content in UTF-8 and was computed again when this document was "
            + "produced. Secret links in emails are replaced by " + ContentArchive.TokenPlaceholder + ".",
        ["kind.Given"] = "Consent given",
        ["kind.Confirmed"] = "Consent confirmed (double opt-in)",
        ["kind.Withdrawn"] = "Consent withdrawn",
        ["kind.SetManually"] = "Set by hand",
        ["kind.SetInBulk"] = "Set in bulk",
        ["kind.Expired"] = "Unconfirmed request expired",
        ["kind.Objected"] = "Objection to direct marketing",
        ["kind.Erased"] = "Data erased",
        ["kind.EmailSent"] = "Email sent",
        ["kind.EmailChanged"] = "Address rectified",
        ["kind.ProcessingRestricted"] = "Processing restricted",
        ["kind.RestrictionLifted"] = "Restriction lifted",
        ["kind.KindChanged"] = "Record kind changed",
        ["kind.DoubleOptinRequested"] = "Double opt-in requested by an operator",
        ["method.Form"] = "a form shown by the site",
        ["method.Manual"] = "an operator, by hand",
        ["method.Bulk"] = "an operator, in bulk",
        ["method.Import"] = "an import of contacts",
        ["method.EmailLink"] = "a link in an email",
        ["method.System"] = "the system itself",
        ["method.Api"] = "a post by a program (API)",
        ["state.None"] = "none",
        ["state.PendingConfirmation"] = "awaiting confirmation",
        ["state.OptedIn"] = "consent valid",
        ["state.Withdrawn"] = "withdrawn",
        ["state.Expired"] = "expired",
        ["label.Form"] = "Form",
        ["label.Submission"] = "Submission",
        ["label.PurposeVersion"] = "Texts version",
        ["label.ConsentText"] = "Box text",
        ["label.ConsentTextSha256"] = "Box text SHA-256",
        ["label.PurposeText"] = "Purpose text",
        ["label.PurposeTextSha256"] = "Purpose text SHA-256",
        ["label.PrivacyNotice"] = "Privacy notice",
        ["label.PrivacyNoticeSha256"] = "Privacy notice SHA-256",
        ["label.Controller"] = "Controller",
        ["label.Culture"] = "Language",
        ["label.Page"] = "Page",
        ["label.IpAddress"] = "IP address",
        ["label.UserAgent"] = "User agent",
        ["label.Template"] = "Email template",
        ["label.TemplateSha256"] = "Template SHA-256",
        ["label.MessageId"] = "Message-ID",
        ["label.Actor"] = "Operator",
        ["label.Reason"] = "Reason",
        ["label.LegalBasis"] = "Legal basis",
        ["label.Address"] = "Address",
        ["label.PreviousAddress"] = "Previous address",
        ["label.FormSha256"] = "Form SHA-256",
        ["label.ConsentBoxSha256"] = "Box as shown SHA-256",
        ["label.EmailSha256"] = "Email as sent SHA-256",
        ["label.Hash"] = "Entry hash (LEDG-1 chain)",
        ["label.PreviousHash"] = "Previous entry hash",
        ["content.consent-text"] = "consent box text",
        ["content.purpose-text"] = "purpose text",
        ["content.form-definition"] = "form definition",
        ["content.consent-box"] = "box as shown (unticked)",
        ["content.email-template"] = "email template sources",
        ["content.email"] = "email as sent (without the secret link)",
        ["content.privacy-notice"] = "privacy notice in force",
    };
}
