using System.Globalization;
using NodaTime.Text;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;

namespace Optin.Forms.Rights;

/// <summary>The words of the access report (DSR-6), in French (<c>fr</c>, <c>fr-*</c>) or English (any other culture).</summary>
internal sealed class AccessReportTexts
{
    private static readonly AccessReportTexts FrenchTexts = new(true);
    private static readonly AccessReportTexts EnglishTexts = new(false);

    private AccessReportTexts(bool french)
    {
        French = french;
        var culture = CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB");
        DatePattern = NodaTime.Text.LocalDateTimePattern.Create(french ? "d MMMM uuuu" : "d MMMM uuuu", culture);
        DateTimePattern = NodaTime.Text.LocalDateTimePattern.Create(french ? "d MMMM uuuu 'à' HH:mm" : "d MMMM uuuu 'at' HH:mm", culture);
    }

    public bool French { get; }

    public LocalDateTimePattern DatePattern { get; }

    public LocalDateTimePattern DateTimePattern { get; }

    public static AccessReportTexts For(string? culture) =>
        culture is not null && culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? FrenchTexts : EnglishTexts;

    private string T(string fr, string en) => French ? fr : en;

    public string Colon => T(" : ", ": ");

    public string Title => T("Vos données personnelles : réponse à votre demande d'accès (RGPD, article 15)",
        "Your personal data: answer to your access request (GDPR Article 15)");

    public string Intro => T("Voici les données que nous détenons sur vous, pourquoi et sur quelle base, à qui elles ont été communiquées, "
        + "combien de temps nous les gardons, d'où elles viennent, et comment exercer vos droits.",
        "Here is the data we hold about you, why and on what basis, who it was disclosed to, how long we keep it, where it came "
        + "from, and how to exercise your rights.");

    public string Person => T("Personne concernée", "Data subject");

    public string Controller => T("Responsable du traitement", "Data controller");

    public string ControllerContact => T("Contact du responsable", "Controller's contact details");

    public string Dpo => T("Délégué à la protection des données", "Data protection officer");

    public string Generated => T("Établi le", "Produced on");

    public string PurposesHeading => T("1. Finalités et bases légales (art. 15.1.a)", "1. Purposes and legal bases (Art. 15(1)(a))");

    public string ConsentPurposes => T("Ce que vous avez accepté (consentement)", "What you agreed to (consent)");

    public string Purpose => T("Finalité", "Purpose");

    public string State => T("État", "State");

    public string TextAgreed => T("Texte de la case que vous avez cochée", "Text of the box you ticked");

    public string LegalBasis => T("Base légale", "Legal basis");

    public string Since => T("depuis le {0}", "since {0}");

    public string FormProcessings => T("Les formulaires que vous nous avez envoyés", "The forms you sent us");

    public string Form => T("Formulaire", "Form");

    public string NotDeclared => T("non déclaré", "not declared");

    public string Interest => T("Intérêt poursuivi :", "Interest pursued:");

    public string CategoriesHeading => T("2. Catégories de données détenues (art. 15.1.b)", "2. Categories of data held (Art. 15(1)(b))");

    public string Category => T("Catégorie", "Category");

    public string Value => T("Ce que nous détenons", "What we hold");

    public string EmailAddress => T("Adresse e-mail", "Email address");

    public string Tags => T("Étiquettes", "Tags");

    public string Messages => T("Formulaires envoyés", "Forms sent");

    public string MessagesCount => T("{0} envoi(s), avec les valeurs saisies (détail ci-dessous)", "{0} submission(s), with the values entered (below)");

    public string SubmittedHeading => T("Ce que vous nous avez envoyé", "What you sent us");

    public string Proof => T("Preuve du consentement", "Proof of consent");

    public string ProofText => T("Date et heure, page, adresse IP (tronquée si configurée), navigateur, texte exact affiché et son empreinte",
        "Date and time, page, IP address (truncated where configured), browser, the exact text shown and its hash");

    public string EmailsCategory => T("Messages envoyés", "Emails sent");

    public string EmailsCount => T("{0} message(s) : date, modèle, identifiant (voir la section 9)", "{0} email(s): date, template, identifier (see section 9)");

    public string RecipientsHeading => T("3. Destinataires (art. 15.1.c)", "3. Recipients (Art. 15(1)(c))");

    public string RecipientsIntro => T("Destinataires prévus, tels que nous les avons déclarés :", "Recipients as we declared them:");

    public string DisclosedHeading => T("Communications effectivement faites", "Disclosures actually made");

    public string NoDisclosure => T("Vos données n'ont été communiquées à aucun destinataire extérieur par nos envois automatiques.",
        "Our automatic sending has not disclosed your data to any outside recipient.");

    public string Recipient => T("Destinataire", "Recipient");

    public string How => T("Comment", "How");

    public string When => T("Quand", "When");

    public string Between => T("{0} fois, du {1} au {2}", "{0} times, from {1} to {2}");

    public string RetentionHeading => T("4. Durée de conservation (art. 15.1.d)", "4. Retention period (Art. 15(1)(d))");

    public string PurposeRetention => T("« {0} » : {1} jours après votre dernier contact actif.", "\"{0}\": {1} days after your last active contact.");

    public string FormRetention => T("Formulaire « {0} » : {1} jours après son envoi.", "Form \"{0}\": {1} days after it was sent.");

    public string PlannedErasure => T("Sauf nouveau contact de votre part, vos données seront effacées le {0} (dernier contact actif : {1}).",
        "Unless you contact us again, your data will be erased on {0} (last active contact: {1}).");

    public string KeptWhileRestricted => T("Le traitement de vos données est limité (art. 18) : elles sont conservées tant que dure la limitation, sans autre usage.",
        "Processing of your data is restricted (Art. 18): it is kept while the restriction lasts and used for nothing else.");

    public string KeptAsCustomer => T("Vous êtes client : vos données sont conservées pendant la relation commerciale, puis selon nos obligations légales ; elles ne sont pas effacées automatiquement.",
        "You are a customer: your data is kept for the business relationship, then as the law requires; it is not erased automatically.");

    public string RightsHeading => T("5. Vos droits (art. 15.1.e)", "5. Your rights (Art. 15(1)(e))");

    public IReadOnlyList<string> RightsList => French
        ?
        [
            "Rectification : faire corriger une donnée inexacte (art. 16).",
            "Effacement : faire effacer vos données (art. 17).",
            "Limitation : faire geler l'utilisation de vos données (art. 18).",
            "Opposition : vous opposer à tout moment à la prospection (art. 21).",
            "Retrait du consentement : à tout moment, sans justification, par le lien de désinscription présent dans chaque message ou en nous écrivant ; le retrait ne remet pas en cause ce qui a été fait avant (art. 7.3).",
            "Portabilité : recevoir les données que vous nous avez fournies dans un format lisible par machine (art. 20).",
        ]
        :
        [
            "Rectification: have inaccurate data corrected (Art. 16).",
            "Erasure: have your data erased (Art. 17).",
            "Restriction: have the use of your data frozen (Art. 18).",
            "Objection: object at any time to direct marketing (Art. 21).",
            "Withdrawal of consent: at any time, without giving a reason, with the unsubscribe link in every email or by writing to us; withdrawal does not affect what was done before (Art. 7(3)).",
            "Portability: receive the data you provided in a machine-readable format (Art. 20).",
        ];

    public string HowToExercise => T("Pour exercer ces droits, écrivez au responsable du traitement ou à son délégué à la protection des données :",
        "To exercise these rights, write to the controller or to their data protection officer:");

    public string ComplaintHeading => T("6. Réclamation (art. 15.1.f)", "6. Complaint (Art. 15(1)(f))");

    public string Complaint => T("Vous avez le droit d'introduire une réclamation auprès de l'autorité de contrôle :",
        "You have the right to lodge a complaint with the supervisory authority:");

    public string SourceHeading => T("7. Origine des données (art. 15.1.g)", "7. Source of the data (Art. 15(1)(g))");

    public string Source => T("Origine", "Source");

    public string FromForm => T("Vous-même, par le formulaire « {0} »", "Yourself, through the form \"{0}\"");

    public string OnPage => T(", sur la page {0}", ", on the page {0}");

    public string AutomatedHeading => T("8. Décision automatisée (art. 15.1.h)", "8. Automated decision-making (Art. 15(1)(h))");

    public string Automated => T("Aucune décision fondée exclusivement sur un traitement automatisé, y compris le profilage, n'est prise à votre sujet (art. 22).",
        "No decision based solely on automated processing, including profiling, is made about you (Art. 22).");

    public string EmailsHeading => T("9. Messages que nous vous avons envoyés", "9. Emails we sent you");

    public string NoEmail => T("Aucun message ne vous a été envoyé.", "No email was sent to you.");

    public string Template => T("Modèle", "Template");

    public string Content => T("Contenu", "Content");

    public string ContentNotKept => T("Contenu non conservé : le modèle et son empreinte identifient la version envoyée.",
        "Content not kept: the template and its hash identify the version sent.");

    public string Footer => T("Document établi à partir de la configuration du site et de nos registres. Une copie complète, lisible par machine, est disponible sur demande.",
        "Produced from the site's configuration and our records. A complete, machine-readable copy is available on request.");

    public string StateWord(OptinState state) => state switch
    {
        OptinState.PendingConfirmation => T("en attente de votre confirmation", "waiting for your confirmation"),
        OptinState.OptedIn => T("accepté et confirmé", "agreed and confirmed"),
        OptinState.Withdrawn => T("retiré", "withdrawn"),
        _ => T("aucun consentement", "no consent"),
    };

    public string Basis(Schema.LegalBasis basis) => basis switch
    {
        Schema.LegalBasis.Consent => T("votre consentement (art. 6.1.a)", "your consent (Art. 6(1)(a))"),
        Schema.LegalBasis.Contract => T("contrat ou mesures précontractuelles prises à votre demande (art. 6.1.b)",
            "a contract, or steps taken at your request before one (Art. 6(1)(b))"),
        Schema.LegalBasis.LegitimateInterest => T("intérêt légitime (art. 6.1.f)", "legitimate interests (Art. 6(1)(f))"),
        _ => T("obligation légale (art. 6.1.c)", "legal obligation (Art. 6(1)(c))"),
    };

    public string ActionWord(string action) => action switch
    {
        "SendEmail" => T("e-mail", "email"),
        "Webhook" => T("envoi automatique à un service (webhook)", "automatic transfer to a service (webhook)"),
        _ => action,
    };

    public string MethodWord(ConsentMethod method) => method switch
    {
        ConsentMethod.Import => T("Import d'un fichier de contacts", "Import of a contact file"),
        ConsentMethod.Bulk => T("Modification groupée par notre équipe", "Bulk change by our staff"),
        _ => T("Saisie ou modification par notre équipe", "Entered or changed by our staff"),
    };
}
