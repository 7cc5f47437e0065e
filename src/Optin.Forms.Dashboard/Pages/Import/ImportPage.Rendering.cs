using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Import;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages;

/// <content>The import's texts, its upload form and its preview.</content>
internal static partial class ImportPage
{
    private static readonly DashboardText Title = new("Import", "Import");
    private static readonly DashboardText PreviewTitle = new("Import: preview", "Import : aperçu");
    private static readonly DashboardText Intro = new(
        "Upload a CSV file with an 'email' column (and optionally 'kind' and form fields). You will see a preview before anything is stored. An import never opts anyone in.",
        "Déposez un fichier CSV avec une colonne « email » (et au besoin « kind » et des champs de formulaire). Un aperçu s'affiche avant tout enregistrement. Un import n'inscrit jamais personne.");
    private static readonly DashboardText FileLabel = new("CSV file (UTF-8, at most {0} MB)", "Fichier CSV (UTF-8, {0} Mo au plus)");
    private static readonly DashboardText SourceLabel = new("Source (e.g. the trade show; the file name when empty)", "Origine (par ex. le salon ; le nom du fichier si vide)");
    private static readonly DashboardText FormLabel = new("Columns map to the fields of", "Les colonnes correspondent aux champs de");
    private static readonly DashboardText AllForms = new("every form", "tous les formulaires");
    private static readonly DashboardText KindLabel = new("Kind of new contacts (when the row has none)", "Type des nouveaux contacts (si la ligne n'en a pas)");
    private static readonly DashboardText DoiLabel = new("Send a double opt-in request for", "Envoyer une demande de double opt-in pour");
    private static readonly DashboardText NoDoi = new("no purpose (send nothing)", "aucune finalité (ne rien envoyer)");
    private static readonly DashboardText PreviewButton = new("Preview (dry run)", "Aperçu (essai à blanc)");
    private static readonly DashboardText Done = new(
        "Import done: {0} new, {1} updated, {2} suppressed addresses skipped, {3} invalid rows skipped, {4} double opt-in requests queued.",
        "Import terminé : {0} nouveaux, {1} mis à jour, {2} adresses exclues ignorées, {3} lignes invalides ignorées, {4} demandes de double opt-in en file.");
    private static readonly DashboardText NoActor = new("Your sign-in has no user name: the import cannot be recorded.", "Votre connexion n'a pas de nom d'utilisateur : l'import ne peut pas être tracé.");
    private static readonly DashboardText NoFile = new("Choose a CSV file to upload.", "Choisissez un fichier CSV à déposer.");
    private static readonly DashboardText EmptyFile = new("The file is empty: nothing was imported.", "Le fichier est vide : rien n'a été importé.");
    private static readonly DashboardText TooLarge = new("The file is larger than {0} MB: nothing was imported. Split it into smaller files.",
        "Le fichier dépasse {0} Mo : rien n'a été importé. Découpez-le en fichiers plus petits.");
    private static readonly DashboardText NotCsv = new("This is not a CSV file (it looks like an image, a PDF, an archive or another binary file): nothing was imported.",
        "Ce n'est pas un fichier CSV (il ressemble à une image, un PDF, une archive ou un autre fichier binaire) : rien n'a été importé.");
    private static readonly DashboardText InvalidUtf8 = new("The file is not valid UTF-8 text: nothing was imported. Save it as \"CSV UTF-8\" and try again.",
        "Le fichier n'est pas du texte UTF-8 valide : rien n'a été importé. Enregistrez-le en « CSV UTF-8 » et réessayez.");
    private static readonly DashboardText NoEmailColumn = new("The first line has no 'email' column: nothing was imported.", "La première ligne n'a pas de colonne « email » : rien n'a été importé.");
    private static readonly DashboardText DuplicateColumn = new("The first line names a column twice: nothing was imported.", "La première ligne nomme deux fois une colonne : rien n'a été importé.");
    private static readonly DashboardText BadHeader = new("The first line is not valid CSV: nothing was imported.", "La première ligne n'est pas du CSV valide : rien n'a été importé.");
    private static readonly DashboardText Expired = new("This preview has expired or belongs to someone else: upload the file again.",
        "Cet aperçu a expiré ou appartient à quelqu'un d'autre : déposez de nouveau le fichier.");
    private static readonly DashboardText Figures = new("What the import will do", "Ce que fera l'import");
    private static readonly DashboardText NewContacts = new("New contacts", "Nouveaux contacts");
    private static readonly DashboardText Updated = new("Contacts updated", "Contacts mis à jour");
    private static readonly DashboardText Suppressed = new("Suppressed addresses skipped", "Adresses exclues ignorées");
    private static readonly DashboardText Invalid = new("Invalid rows skipped", "Lignes invalides ignorées");
    private static readonly DashboardText Requests = new("Double opt-in requests", "Demandes de double opt-in");
    private static readonly DashboardText InvalidRows = new("Invalid rows", "Lignes invalides");
    private static readonly DashboardText Line = new("Line", "Ligne");
    private static readonly DashboardText Code = new("Code", "Code");
    private static readonly DashboardText Problem = new("Problem", "Problème");
    private static readonly DashboardText SuppressedLinesText = new(
        "Lines whose address is on the suppression list (skipped): {0}", "Lignes dont l'adresse est sur la liste d'exclusion (ignorées) : {0}");
    private static readonly DashboardText Ignored = new("Ignored columns: {0}", "Colonnes ignorées : {0}");
    private static readonly DashboardText ConfirmSummary = new(
        "Import {0} from {1}: {2} new and {3} updated contacts, without any opt-in.",
        "Importer {0} depuis {1} : {2} nouveaux contacts et {3} mis à jour, sans aucune inscription.");
    private static readonly DashboardText ConfirmDoi = new("A double opt-in request for '{0}' will be queued for {1} contact(s); each stays without opt-in until it confirms.",
        "Une demande de double opt-in pour « {0} » sera mise en file pour {1} contact(s) ; chacun reste sans inscription jusqu'à sa confirmation.");
    private static readonly DashboardText Listed = new("The first {0} of {1} invalid rows are listed.", "Les {0} premières des {1} lignes invalides sont listées.");

    private static void AppendUploadForm(StringBuilder html, DashboardRequest request)
    {
        var catalog = request.Context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        html.Append("<p>").Append(Html.Encode(Intro.In(request))).Append("</p>\n<form method=\"post\" enctype=\"multipart/form-data\" action=\"")
            .Append(Html.Encode(request.Url("/import"))).Append("\">\n").Append(request.AntiforgeryField()).Append('\n')
            .Append("<p class=\"dash-field\"><label for=\"file\">").Append(Html.Encode(Format(FileLabel.In(request))))
            .Append("</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\" required></p>\n");
        DashboardForms.TextField(html, "source", SourceLabel.In(request));
        Select(html, "form", FormLabel.In(request), [(string.Empty, AllForms.In(request)),
            .. catalog.Forms.Keys.Order(StringComparer.Ordinal).Select(id => (id, id))]);
        Select(html, "kind", KindLabel.In(request), [.. Enum.GetNames<ContactKind>().Select(k => (k, k))]);
        Select(html, "doubleOptin", DoiLabel.In(request), [(string.Empty, NoDoi.In(request)),
            .. catalog.Purposes.Keys.Order(StringComparer.Ordinal).Select(id => (id, id))]);
        html.Append("<p><button type=\"submit\">").Append(Html.Encode(PreviewButton.In(request))).Append("</button></p>\n</form>\n");
    }

    private static void Select(StringBuilder html, string id, string label, IEnumerable<(string Value, string Text)> options)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label><select id=\"")
            .Append(id).Append("\" name=\"").Append(id).Append("\">");
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(Html.Encode(value)).Append("\">").Append(Html.Encode(text)).Append("</option>");
        }

        html.Append("</select></p>\n");
    }

    private static string Preview(DashboardRequest request, ImportUpload upload, ContactImportReport report, string id)
    {
        var html = new StringBuilder(8192);
        html.Append("<h2>").Append(Html.Encode(Figures.In(request))).Append("</h2>\n<dl class=\"dash-figures\">");
        Figure(html, NewContacts.In(request), report.Imported, "imported");
        Figure(html, Updated.In(request), report.Updated, "updated");
        Figure(html, Suppressed.In(request), report.SkippedSuppressed, "suppressed");
        Figure(html, Invalid.In(request), report.InvalidCount, "invalid");
        Figure(html, Requests.In(request), report.DoubleOptinRequested, "requested");
        html.Append("</dl>\n");
        if (!report.SuppressedLines.IsEmpty)
        {
            html.Append("<p id=\"suppressed-lines\">").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, SuppressedLinesText.In(request),
                string.Join(", ", report.SuppressedLines)))).Append("</p>\n");
        }

        if (!report.IgnoredColumns.IsEmpty)
        {
            html.Append("<p>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, Ignored.In(request), string.Join(", ", report.IgnoredColumns)))).Append("</p>\n");
        }

        if (!report.Invalid.IsEmpty)
        {
            html.Append("<h2>").Append(Html.Encode(InvalidRows.In(request))).Append("</h2>\n");
            if (report.InvalidCount > report.Invalid.Length)
            {
                html.Append("<p>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, Listed.In(request), report.Invalid.Length, report.InvalidCount))).Append("</p>\n");
            }

            html.Append("<div class=\"dash-table-wrap\">\n<table class=\"dash-table\" id=\"invalid-rows\">\n<caption>").Append(Html.Encode(InvalidRows.In(request)))
                .Append("</caption>\n<thead><tr><th scope=\"col\" class=\"num\">").Append(Html.Encode(Line.In(request))).Append("</th><th scope=\"col\">")
                .Append(Html.Encode(Code.In(request))).Append("</th><th scope=\"col\">").Append(Html.Encode(Problem.In(request))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var error in report.Invalid)
            {
                html.Append("<tr><td class=\"num\">").Append(error.Line.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.Encode(error.Code))
                    .Append("</td><td>").Append(Html.Encode(error.Message)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</div>\n");
        }

        var summary = new StringBuilder("<p>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, ConfirmSummary.In(request),
            upload.FileName, upload.Source, report.Imported, report.Updated))).Append("</p>");
        if (upload.DoubleOptinPurpose is { } purpose)
        {
            summary.Append("<p>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, ConfirmDoi.In(request), purpose, report.DoubleOptinRequested))).Append("</p>");
        }

        html.Append(DashboardForms.ConfirmationStep(request, "/import/apply", summary.ToString(), [new("upload", id)], "/import"));
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string label, int value, string id) =>
        html.Append("<div><dt>").Append(Html.Encode(label)).Append("</dt><dd id=\"count-").Append(id).Append("\">")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append("</dd></div>");
}
