using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages;

/// <content>The bulk page's texts, its form and its confirmation step.</content>
internal static partial class BulkPage
{
    private static readonly DashboardText Title = new("Bulk changes", "Modifications en masse");
    private static readonly DashboardText Intro = new(
        "Choose the contacts (every criterion is optional; they combine), then the change. The next step counts the contacts and shows what will change before anything is applied.",
        "Choisissez les contacts (chaque critère est facultatif ; ils se combinent), puis la modification. L'étape suivante compte les contacts et montre ce qui changera avant toute application.");
    private static readonly DashboardText Which = new("Which contacts", "Quels contacts");
    private static readonly DashboardText WhatChange = new("Which change", "Quelle modification");
    private static readonly DashboardText Any = new("any", "tous");
    private static readonly DashboardText KindField = new("Kind", "Type");
    private static readonly DashboardText PurposeField = new("Purpose (for the state below)", "Finalité (pour l'état ci-dessous)");
    private static readonly DashboardText StateField = new("Opt-in state for that purpose", "État d'inscription pour cette finalité");
    private static readonly DashboardText TagField = new("Tag", "Étiquette");
    private static readonly DashboardText FieldNameField = new("Field name", "Nom du champ");
    private static readonly DashboardText FieldValueField = new("Field value (exact)", "Valeur du champ (exacte)");
    private static readonly DashboardText CreatedFromField = new("Created on or after (YYYY-MM-DD)", "Créé le ou après (AAAA-MM-JJ)");
    private static readonly DashboardText CreatedBeforeField = new("Created before (YYYY-MM-DD)", "Créé avant (AAAA-MM-JJ)");
    private static readonly DashboardText LastActivityField = new("Last activity before (YYYY-MM-DD)", "Dernière activité avant (AAAA-MM-JJ)");
    private static readonly DashboardText ChangeLegend = new("Change", "Modification");
    private static readonly DashboardText OptinByHand = new("Set the opt-in by hand (state, reason and legal basis recorded in the ledger)",
        "Fixer l'inscription à la main (état, motif et base légale enregistrés dans le registre)");
    private static readonly DashboardText DoiRequest = new("Send a double opt-in request (nobody is opted in until they confirm)",
        "Envoyer une demande de double opt-in (personne n'est inscrit avant de confirmer)");
    private static readonly DashboardText TargetPurpose = new("Purpose to change", "Finalité à modifier");
    private static readonly DashboardText TargetState = new("New state (opt-in by hand only)", "Nouvel état (inscription à la main seulement)");
    private static readonly DashboardText LegalBasisField = new("Legal basis (opt-in by hand only, e.g. consent given on paper, Art. 6(1)(a))",
        "Base légale (inscription à la main seulement, par ex. consentement donné sur papier, art. 6(1)(a))");
    private static readonly DashboardText ReasonField = new("Reason (recorded in the ledger)", "Motif (enregistré dans le registre)");
    private static readonly DashboardText CountButton = new("Count (dry run)", "Compter (essai à blanc)");
    private static readonly DashboardText NoActor = new("Your sign-in has no user name: the change cannot be recorded.", "Votre connexion n'a pas de nom d'utilisateur : la modification ne peut pas être tracée.");
    private static readonly DashboardText ChooseChange = new("Choose the change.", "Choisissez la modification.");
    private static readonly DashboardText ChoosePurpose = new("Choose a configured purpose.", "Choisissez une finalité configurée.");
    private static readonly DashboardText ChooseState = new("Choose the new state: opted in, withdrawn or none.", "Choisissez le nouvel état : inscrit, retiré ou aucun.");
    private static readonly DashboardText NeedReason = new("A reason is required.", "Un motif est obligatoire.");
    private static readonly DashboardText NeedLegalBasis = new("A legal basis is required.", "Une base légale est obligatoire.");
    private static readonly DashboardText CountChanged = new("The query now matches {0} contacts, not {1}: nothing was changed. Check the count again.",
        "La requête correspond maintenant à {0} contacts, et non {1} : rien n'a été modifié. Vérifiez de nouveau le compte.");
    private static readonly DashboardText ConfirmOptin = new("{0} contact(s) match. Their opt-in for '{1}' will be set to {2} by {3}, with the reason \"{4}\" and the legal basis \"{5}\" (contacts already in that state are left alone).",
        "{0} contact(s) correspondent. Leur inscription pour « {1} » passera à {2} par {3}, avec le motif « {4} » et la base légale « {5} » (les contacts déjà dans cet état ne changent pas).");
    private static readonly DashboardText ConfirmDoi = new("{0} contact(s) match. Each will be sent a double opt-in request for '{1}' (within the resend caps); nobody is opted in until they confirm.",
        "{0} contact(s) correspondent. Chacun recevra une demande de double opt-in pour « {1} » (dans les limites de renvoi) ; personne n'est inscrit avant de confirmer.");
    private static readonly DashboardText DoneOptin = new("Opt-in changed for {0} contact(s).", "Inscription modifiée pour {0} contact(s).");
    private static readonly DashboardText DoneDoi = new("{0} double opt-in request(s) queued.", "{0} demande(s) de double opt-in en file.");

    private static Task WriteFormAsync(DashboardRequest request, Values values, string messageHtml, int status)
    {
        var html = new StringBuilder(8192).Append(messageHtml);
        AppendForm(html, request, values);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Bulk, Title.In(request), html.ToString(), status);
    }

    private static Task WriteConfirmationAsync(DashboardRequest request, Values values, Change change, long count)
    {
        var text = change.Kind == DoubleOptinChange
            ? string.Format(CultureInfo.InvariantCulture, ConfirmDoi.In(request), count, change.Purpose)
            : string.Format(CultureInfo.InvariantCulture, ConfirmOptin.In(request), count, change.Purpose, change.State, request.Actor, change.Reason, change.LegalBasis);
        var summary = "<p id=\"bulk-count\">" + Html.Encode(text) + "</p>";
        var fields = values.Carried().Append(new("expectedCount", count.ToString(CultureInfo.InvariantCulture)));
        var html = DashboardForms.ConfirmationStep(request, "/bulk", summary, fields, "/bulk");
        return DashboardLayout.WritePageAsync(request, DashboardSection.Bulk, Title.In(request), html);
    }

    private static void AppendForm(StringBuilder html, DashboardRequest request, Values values)
    {
        var catalog = request.Context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var purposes = catalog.Purposes.Keys.Order(StringComparer.Ordinal).Select(p => (p, p)).ToArray();
        html.Append("<p>").Append(Html.Encode(Intro.In(request))).Append("</p>\n");
        DashboardForms.OpenForm(html, request, "/bulk");
        html.Append("<fieldset><legend>").Append(Html.Encode(Which.In(request))).Append("</legend>\n");
        Select(html, values, "kind", KindField.In(request), [(string.Empty, Any.In(request)), .. Enum.GetNames<ContactKind>().Select(k => (k, k))]);
        Select(html, values, "purpose", PurposeField.In(request), [(string.Empty, Any.In(request)), .. purposes]);
        Select(html, values, "state", StateField.In(request), [(string.Empty, Any.In(request)), .. Enum.GetNames<OptinState>().Select(s => (s, s))]);
        DashboardForms.TextField(html, "tag", TagField.In(request), values["tag"]);
        DashboardForms.TextField(html, "fieldName", FieldNameField.In(request), values["fieldName"]);
        DashboardForms.TextField(html, "fieldValue", FieldValueField.In(request), values["fieldValue"]);
        DashboardForms.TextField(html, "createdFrom", CreatedFromField.In(request), values["createdFrom"], type: "date");
        DashboardForms.TextField(html, "createdBefore", CreatedBeforeField.In(request), values["createdBefore"], type: "date");
        DashboardForms.TextField(html, "lastActivityBefore", LastActivityField.In(request), values["lastActivityBefore"], type: "date");
        html.Append("</fieldset>\n<fieldset><legend>").Append(Html.Encode(WhatChange.In(request))).Append("</legend>\n");
        Radio(html, values, "change-optin", OptinChange, OptinByHand.In(request));
        Radio(html, values, "change-doi", DoubleOptinChange, DoiRequest.In(request));
        Select(html, values, "targetPurpose", TargetPurpose.In(request), purposes);
        Select(html, values, "targetState", TargetState.In(request),
            [.. new[] { OptinState.OptedIn, OptinState.Withdrawn, OptinState.None }.Select(s => (s.ToString(), s.ToString()))]);
        DashboardForms.TextField(html, "legalBasis", LegalBasisField.In(request), values["legalBasis"]);
        DashboardForms.TextField(html, "reason", ReasonField.In(request), values["reason"]);
        html.Append("</fieldset>\n<p><button type=\"submit\">").Append(Html.Encode(CountButton.In(request))).Append("</button></p>\n</form>\n");
    }

    private static void Radio(StringBuilder html, Values values, string id, string value, string label)
    {
        html.Append("<p><input type=\"radio\" id=\"").Append(id).Append("\" name=\"change\" value=\"").Append(value).Append('"')
            .Append(values["change"] == value || (values["change"] is null && value == OptinChange) ? " checked" : string.Empty)
            .Append("> <label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label></p>\n");
    }

    private static void Select(StringBuilder html, Values values, string id, string label, IEnumerable<(string Value, string Text)> options)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label><select id=\"")
            .Append(id).Append("\" name=\"").Append(id).Append("\">");
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(Html.Encode(value)).Append('"').Append(values[id] == value ? " selected" : string.Empty).Append('>')
                .Append(Html.Encode(text)).Append("</option>");
        }

        html.Append("</select></p>\n");
    }
}
