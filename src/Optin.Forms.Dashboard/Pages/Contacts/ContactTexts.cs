using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>The contacts section's own words, in English and French.</summary>
internal static class ContactTexts
{
    public static readonly DashboardText Title = new("Contacts", "Contacts");
    public static readonly DashboardText ByAddress = new("Find by address", "Rechercher par adresse");
    public static readonly DashboardText Address = new("Email address", "Adresse e-mail");
    public static readonly DashboardText Find = new("Find", "Rechercher");
    public static readonly DashboardText Filters = new("Filter the contacts", "Filtrer les contacts");
    public static readonly DashboardText Kind = new("Kind", "Type");
    public static readonly DashboardText Any = new("Any", "Tous");
    public static readonly DashboardText Purpose = new("Purpose", "Finalité");
    public static readonly DashboardText State = new("Opt-in state for the purpose", "État de l'opt-in pour la finalité");
    public static readonly DashboardText Tag = new("Tag", "Étiquette");
    public static readonly DashboardText FieldName = new("Field name", "Nom du champ");
    public static readonly DashboardText FieldValue = new("Field value (exact)", "Valeur du champ (exacte)");
    public static readonly DashboardText CreatedFrom = new("Created on or after", "Créé à partir du");
    public static readonly DashboardText CreatedTo = new("Created on or before", "Créé jusqu'au");
    public static readonly DashboardText UpdatedFrom = new("Changed on or after", "Modifié à partir du");
    public static readonly DashboardText UpdatedTo = new("Changed on or before", "Modifié jusqu'au");
    public static readonly DashboardText PageSize = new("Contacts per page", "Contacts par page");
    public static readonly DashboardText Search = new("Search", "Rechercher");
    public static readonly DashboardText Results = new("Results", "Résultats");
    public static readonly DashboardText Matches = new("{0} contacts match.", "{0} contacts correspondent.");
    public static readonly DashboardText NoMatch = new("No contact matches.", "Aucun contact ne correspond.");
    public static readonly DashboardText NotFoundByAddress = new("No contact holds this address.", "Aucun contact n'a cette adresse.");
    public static readonly DashboardText InvalidAddress = new("This is not a valid email address.", "Ce n'est pas une adresse e-mail valide.");
    public static readonly DashboardText InvalidDate = new("A date is not valid (expected YYYY-MM-DD): {0}.", "Une date n'est pas valide (attendu AAAA-MM-JJ) : {0}.");
    public static readonly DashboardText InvalidSize = new("The page size must be between 1 and {0}.", "La taille de page doit être comprise entre 1 et {0}.");
    public static readonly DashboardText StateNeedsPurpose = new("Choose a purpose to filter on its state.", "Choisissez une finalité pour filtrer sur son état.");
    public static readonly DashboardText Pages = new("Pages", "Pages");
    public static readonly DashboardText Previous = new("Previous page", "Page précédente");
    public static readonly DashboardText Next = new("Next page", "Page suivante");
    public static readonly DashboardText PageOf = new("Page {0}", "Page {0}");
    public static readonly DashboardText Created = new("Created", "Créé le");
    public static readonly DashboardText Updated = new("Changed", "Modifié le");
    public static readonly DashboardText LastActivity = new("Last activity", "Dernière activité");
    public static readonly DashboardText OptIns = new("Opt-ins", "Opt-ins");
    public static readonly DashboardText NotFound = new("No such contact.", "Ce contact n'existe pas.");
    public static readonly DashboardText Erased = new("This contact was erased on {0} ({1}).", "Ce contact a été effacé le {0} ({1}).");
    public static readonly DashboardText BackToSearch = new("Back to the search", "Retour à la recherche");
    public static readonly DashboardText Fields = new("Fields", "Champs");
    public static readonly DashboardText NoFields = new("No field is stored.", "Aucun champ n'est enregistré.");
    public static readonly DashboardText Name = new("Name", "Nom");
    public static readonly DashboardText Value = new("Value", "Valeur");
    public static readonly DashboardText Tags = new("Tags", "Étiquettes");
    public static readonly DashboardText Restricted = new("Processing restricted (GDPR Art. 18)", "Traitement limité (RGPD art. 18)");
    public static readonly DashboardText Objected = new("Objected to direct marketing", "Opposé à la prospection");
    public static readonly DashboardText Yes = new("Yes", "Oui");
    public static readonly DashboardText No = new("No", "Non");
    public static readonly DashboardText OptInPerPurpose = new("Opt-in per purpose", "Opt-in par finalité");
    public static readonly DashboardText Since = new("Since", "Depuis");
    public static readonly DashboardText Documents = new("Evidence and export", "Preuve et export");
    public static readonly DashboardText EvidenceHtml = new("Evidence (printable page)", "Preuve (page imprimable)");
    public static readonly DashboardText EvidenceJson = new("Evidence (JSON)", "Preuve (JSON)");
    public static readonly DashboardText Export = new("Export of everything held (JSON)", "Export de toutes les données (JSON)");
    public static readonly DashboardText DocumentsNote = new("Each opening is recorded in the access log with your name.",
        "Chaque ouverture est enregistrée dans le journal des accès avec votre nom.");
    public static readonly DashboardText Ledger = new("Ledger", "Registre");
    public static readonly DashboardText NoLedger = new("The ledger holds no entry for this contact.", "Le registre ne contient aucune entrée pour ce contact.");
    public static readonly DashboardText ConsentText = new("Consent text shown", "Texte de consentement affiché");
    public static readonly DashboardText PurposeText = new("Purpose text shown", "Texte de la finalité affiché");
    public static readonly DashboardText Version = new("version", "version");
    public static readonly DashboardText Actor = new("Actor", "Auteur");
    public static readonly DashboardText Reason = new("Reason", "Motif");
    public static readonly DashboardText LegalBasis = new("Legal basis", "Base légale");
    public static readonly DashboardText Method = new("How", "Moyen");
    public static readonly DashboardText StateAfter = new("State after", "État après");
    public static readonly DashboardText Form = new("Form", "Formulaire");
    public static readonly DashboardText SourceUrl = new("Page", "Page");
    public static readonly DashboardText Ip = new("IP address", "Adresse IP");
    public static readonly DashboardText UserAgent = new("User agent", "Navigateur");
    public static readonly DashboardText Email = new("Email", "E-mail");
    public static readonly DashboardText PreviousAddress = new("Previous address", "Adresse précédente");
    public static readonly DashboardText Controller = new("Controller", "Responsable du traitement");
    public static readonly DashboardText PrivacyNotice = new("Privacy notice", "Politique de confidentialité");
    public static readonly DashboardText EntryHash = new("Entry hash", "Empreinte de l'entrée");
    public static readonly DashboardText Actions = new("Actions", "Actions");
    public static readonly DashboardText NoActor = new("Your sign-in carries no user name: the change is refused (the ledger must name who made it).",
        "Votre connexion ne porte pas de nom d'utilisateur : la modification est refusée (le registre doit nommer son auteur).");
    public static readonly DashboardText ReasonRequired = new("A reason is required.", "Un motif est obligatoire.");
    public static readonly DashboardText ReasonLabel = new("Reason (recorded in the ledger)", "Motif (enregistré dans le registre)");

    public static string Of(ContactKind kind, DashboardRequest request) => (kind switch
    {
        ContactKind.Lead => new DashboardText("Lead", "Prospect"),
        ContactKind.Contact => new DashboardText("Contact", "Contact"),
        _ => new DashboardText("Account", "Compte client"),
    }).In(request);

    public static string Of(OptinState state, DashboardRequest request) => (state switch
    {
        OptinState.OptedIn => new DashboardText("Opted in", "Opt-in donné"),
        OptinState.PendingConfirmation => new DashboardText("Pending confirmation", "En attente de confirmation"),
        OptinState.Withdrawn => new DashboardText("Withdrawn", "Retiré"),
        _ => new DashboardText("None", "Aucun"),
    }).In(request);

    public static string Of(ConsentMethod method, DashboardRequest request) => (method switch
    {
        ConsentMethod.Form => new DashboardText("form", "formulaire"),
        ConsentMethod.Manual => new DashboardText("by hand", "à la main"),
        ConsentMethod.Bulk => new DashboardText("in bulk", "en masse"),
        ConsentMethod.Import => new DashboardText("import", "import"),
        ConsentMethod.EmailLink => new DashboardText("link in an email", "lien dans un e-mail"),
        ConsentMethod.Api => new DashboardText("program (JSON)", "programme (JSON)"),
        _ => new DashboardText("the engine", "le moteur"),
    }).In(request);

    public static string Of(ConsentEventKind kind, DashboardRequest request) => (kind switch
    {
        ConsentEventKind.Given => new DashboardText("Consent given", "Consentement donné"),
        ConsentEventKind.Confirmed => new DashboardText("Consent confirmed (double opt-in)", "Consentement confirmé (double opt-in)"),
        ConsentEventKind.Withdrawn => new DashboardText("Consent withdrawn", "Consentement retiré"),
        ConsentEventKind.SetManually => new DashboardText("Set by hand", "Modification manuelle"),
        ConsentEventKind.SetInBulk => new DashboardText("Set in bulk", "Modification en masse"),
        ConsentEventKind.Expired => new DashboardText("Unconfirmed request expired", "Demande non confirmée expirée"),
        ConsentEventKind.Objected => new DashboardText("Objection to direct marketing", "Opposition à la prospection"),
        ConsentEventKind.Erased => new DashboardText("Data erased", "Données effacées"),
        ConsentEventKind.EmailSent => new DashboardText("Email sent", "E-mail envoyé"),
        ConsentEventKind.EmailChanged => new DashboardText("Address rectified", "Adresse rectifiée"),
        ConsentEventKind.ProcessingRestricted => new DashboardText("Processing restricted", "Traitement limité"),
        ConsentEventKind.RestrictionLifted => new DashboardText("Restriction lifted", "Limitation levée"),
        ConsentEventKind.KindChanged => new DashboardText("Record kind changed", "Type de fiche modifié"),
        ConsentEventKind.DoubleOptinRequested => new DashboardText("Double opt-in requested", "Double opt-in demandé"),
        _ => new DashboardText(kind.ToString(), kind.ToString()),
    }).In(request);

    public static string Of(ErasureReason reason, DashboardRequest request) => (reason switch
    {
        ErasureReason.DataSubjectRequest => new DashboardText("The person asked (Art. 17(1))", "La personne l'a demandé (art. 17(1))"),
        ErasureReason.ConsentWithdrawn => new DashboardText("Consent withdrawn (Art. 17(1)(b))", "Consentement retiré (art. 17(1)(b))"),
        ErasureReason.Objection => new DashboardText("Objection (Art. 17(1)(c))", "Opposition (art. 17(1)(c))"),
        ErasureReason.RetentionExpired => new DashboardText("Retention period over", "Durée de conservation écoulée"),
        ErasureReason.UnconfirmedExpired => new DashboardText("Never confirmed", "Jamais confirmé"),
        ErasureReason.NotMe => new DashboardText("\"This was not me\"", "« Ce n'était pas moi »"),
        _ => new DashboardText("Other (name it in the reference)", "Autre (à préciser dans la référence)"),
    }).In(request);

    /// <summary>A refusal of a service, in words; unknown codes fall back to the service's own description.</summary>
    public static string Refusal(OptinOperationResult result, DashboardRequest request) => result.Code switch
    {
        SubmissionCodes.Unchanged => new DashboardText("Nothing to change: it is already so.", "Rien à changer : c'est déjà le cas.").In(request),
        SubmissionCodes.Restricted => new DashboardText("Processing is restricted for this person (GDPR Art. 18): lift the restriction first.",
            "Le traitement est limité pour cette personne (RGPD art. 18) : levez d'abord la limitation.").In(request),
        SubmissionCodes.Objected => new DashboardText("The person objected to direct marketing; only their own new consent can lift it.",
            "La personne s'est opposée à la prospection ; seul son propre nouveau consentement peut lever l'opposition.").In(request),
        SubmissionCodes.Suppressed => new DashboardText("The address is on the suppression list; only the person's own double opt-in can opt it in again.",
            "L'adresse est sur la liste d'exclusion ; seul le double opt-in de la personne elle-même peut la réinscrire.").In(request),
        SubmissionCodes.EmailTaken => new DashboardText("Another contact holds this address.", "Un autre contact a déjà cette adresse.").In(request),
        SubmissionCodes.InvalidEmail or SubmissionCodes.EmailTooLong => InvalidAddress.In(request),
        SubmissionCodes.UnknownPurpose => new DashboardText("This purpose is not declared.", "Cette finalité n'est pas déclarée.").In(request),
        SubmissionCodes.ContactNotFound => NotFound.In(request),
        _ => result.Description ?? result.Code ?? string.Empty,
    };
}
