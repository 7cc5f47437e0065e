using System.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rights;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>The forms of the contact page's actions; each posts to its own route (<see cref="ContactActions"/>).</summary>
internal static class ContactActionForms
{
    private static readonly DashboardText OptinTitle = new("Set an opt-in by hand", "Modifier un opt-in à la main");
    private static readonly DashboardText NewState = new("New state", "Nouvel état");
    private static readonly DashboardText LegalBasisLabel = new("Legal basis (e.g. signed paper form, its date and file)",
        "Base légale (par exemple formulaire papier signé, sa date et son classement)");
    private static readonly DashboardText Save = new("Save", "Enregistrer");
    private static readonly DashboardText DoubleOptinTitle = new("Send a double opt-in request", "Envoyer une demande de double opt-in");
    private static readonly DashboardText DoubleOptinHint = new("The person receives the confirmation email and stays without opt-in until they confirm.",
        "La personne reçoit l'e-mail de confirmation et reste sans opt-in tant qu'elle n'a pas confirmé.");
    private static readonly DashboardText Send = new("Send the request", "Envoyer la demande");
    private static readonly DashboardText KindTitle = new("Change the kind", "Changer le type");
    private static readonly DashboardText NewKind = new("New kind", "Nouveau type");
    private static readonly DashboardText ChangeKind = new("Change the kind", "Changer le type");
    private static readonly DashboardText RectifyTitle = new("Rectify the address", "Rectifier l'adresse");
    private static readonly DashboardText NewAddress = new("New address (it goes through double opt-in)", "Nouvelle adresse (elle passe par le double opt-in)");
    private static readonly DashboardText Rectify = new("Rectify", "Rectifier");
    private static readonly DashboardText RestrictTitle = new("Restrict processing", "Limiter le traitement");
    private static readonly DashboardText Restrict = new("Restrict processing", "Limiter le traitement");
    private static readonly DashboardText LiftTitle = new("Lift the restriction", "Lever la limitation");
    private static readonly DashboardText Lift = new("Lift the restriction", "Lever la limitation");
    private static readonly DashboardText EraseTitle = new("Erase this contact", "Effacer ce contact");
    private static readonly DashboardText EraseHint = new("You will see what will be erased before anything is.",
        "Vous verrez ce qui sera effacé avant que quoi que ce soit ne le soit.");
    private static readonly DashboardText ErasureReasonLabel = new("Ground of the erasure (kept on the tombstone)", "Motif de l'effacement (conservé sur la trace)");
    private static readonly DashboardText ReferenceLabel = new("Reference of the request (a ticket number, no name)", "Référence de la demande (un numéro de ticket, pas de nom)");
    private static readonly DashboardText Erase = new("Erase…", "Effacer…");

    public static void Append(StringBuilder html, DashboardRequest request, Contact contact, FormCatalog catalog)
    {
        var root = "/contacts/" + contact.Id;
        var purposes = catalog.Purposes.Keys.Order(StringComparer.Ordinal).Select(p => (p, p)).ToArray();
        html.Append("<h2>").Append(Html.Encode(ContactTexts.Actions.In(request))).Append("</h2>\n");

        Open(html, request, "optin", OptinTitle, root + "/optin");
        ContactFields.Select(html, "optin-purpose", "purpose", ContactTexts.Purpose.In(request), purposes, required: true);
        ContactFields.Select(html, "optin-state", "state", NewState.In(request),
            [.. new[] { OptinState.OptedIn, OptinState.Withdrawn, OptinState.None }.Select(s => (s.ToString(), ContactTexts.Of(s, request)))], required: true);
        Reason(html, request, "optin");
        ContactFields.Input(html, "optin-legal-basis", "legalBasis", LegalBasisLabel.In(request), required: true);
        Close(html, Save.In(request));

        Open(html, request, "double-optin", DoubleOptinTitle, root + "/double-optin");
        html.Append("<p class=\"dash-hint\">").Append(Html.Encode(DoubleOptinHint.In(request))).Append("</p>\n");
        ContactFields.Select(html, "double-optin-purpose", "purpose", ContactTexts.Purpose.In(request), purposes, required: true);
        Reason(html, request, "double-optin");
        Close(html, Send.In(request));

        Open(html, request, "kind", KindTitle, root + "/kind");
        ContactFields.Select(html, "kind-kind", "kind", NewKind.In(request),
            [.. Enum.GetValues<ContactKind>().Where(k => k != contact.Kind).Select(k => (k.ToString(), ContactTexts.Of(k, request)))], required: true);
        Reason(html, request, "kind");
        Close(html, ChangeKind.In(request));

        Open(html, request, "rectify", RectifyTitle, root + "/rectify");
        ContactFields.Input(html, "rectify-email", "email", NewAddress.In(request), required: true, type: "email", autocomplete: "off");
        Reason(html, request, "rectify");
        Close(html, Rectify.In(request));

        var restricted = contact.ProcessingRestricted;
        Open(html, request, "restriction", restricted ? LiftTitle : RestrictTitle, root + "/restriction");
        html.Append("<input type=\"hidden\" name=\"restricted\" value=\"").Append(restricted ? "false" : "true").Append("\">\n");
        Reason(html, request, "restriction");
        Close(html, (restricted ? Lift : Restrict).In(request));

        Open(html, request, "erase", EraseTitle, root + "/erase");
        html.Append("<p class=\"dash-hint\">").Append(Html.Encode(EraseHint.In(request))).Append("</p>\n");
        ContactFields.Select(html, "erase-reason", "reason", ErasureReasonLabel.In(request),
            [.. Enum.GetValues<ErasureReason>().Select(r => (ErasureReasons.Code(r), ContactTexts.Of(r, request)))], required: true);
        ContactFields.Input(html, "erase-reference", "reference", ReferenceLabel.In(request));
        ContactFields.Submit(html, Erase.In(request), "dash-danger");
        html.Append("</section>\n");
    }

    private static void Open(StringBuilder html, DashboardRequest request, string id, DashboardText title, string action)
    {
        html.Append("<section class=\"dash-contact-action\" aria-labelledby=\"").Append(id).Append("-title\"><h3 id=\"").Append(id).Append("-title\">")
            .Append(Html.Encode(title.In(request))).Append("</h3>\n");
        DashboardForms.OpenForm(html, request, action);
    }

    private static void Reason(StringBuilder html, DashboardRequest request, string form) =>
        ContactFields.Input(html, form + "-reason", "reason", ContactTexts.ReasonLabel.In(request), required: true);

    private static void Close(StringBuilder html, string button)
    {
        ContactFields.Submit(html, button);
        html.Append("</section>\n");
    }
}
