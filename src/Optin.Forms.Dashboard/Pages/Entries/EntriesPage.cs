using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// Entries: pick a form, read its submissions newest first, a page at a time; download them all as CSV
/// (<see cref="EntriesExport"/>).
/// </summary>
internal static class EntriesPage
{
    public const int PageSize = 50;

    private static readonly InstantPattern When = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss'Z'");
    private static readonly DashboardText Title = new("Entries", "Saisies");
    private static readonly DashboardText FormLabel = new("Form", "Formulaire");
    private static readonly DashboardText Show = new("Show", "Afficher");
    private static readonly DashboardText NoForm = new("No form is configured.", "Aucun formulaire n'est configuré.");
    private static readonly DashboardText UnknownForm = new("This form is not configured.", "Ce formulaire n'est pas configuré.");
    private static readonly DashboardText None = new("No submission yet.", "Aucune saisie pour l'instant.");
    private static readonly DashboardText Received = new("Received (UTC)", "Reçue (UTC)");
    private static readonly DashboardText Culture = new("Language", "Langue");
    private static readonly DashboardText Consents = new("Consents given", "Consentements donnés");
    private static readonly DashboardText Download = new("Download all as CSV", "Tout télécharger en CSV");
    private static readonly DashboardText Previous = new("Previous page", "Page précédente");
    private static readonly DashboardText Next = new("Next page", "Page suivante");
    private static readonly DashboardText Paging = new("Pages", "Pages");
    private static readonly DashboardText Summary = new("{0} submission(s) · page {1} of {2}", "{0} saisie(s) · page {1} sur {2}");
    private static readonly DashboardText Caption = new("Submissions of the form {0}, newest first", "Saisies du formulaire {0}, les plus récentes d'abord");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/entries", (Delegate)ShowAsync);
        group.MapGet("/entries/export", (Delegate)EntriesExport.WriteAsync);
    }

    /// <summary>The form named by the <c>form</c> query value, else the first form by id; null when none is configured.</summary>
    public static FormDefinition? ChosenForm(HttpContext context, out bool unknown)
    {
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var asked = context.Request.Query["form"].ToString();
        unknown = asked.Length > 0 && catalog.FindForm(asked) is null;
        return asked.Length > 0 ? catalog.FindForm(asked) : catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    public static string Format(Instant instant) => When.Format(instant);

    private static async Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var form = ChosenForm(context, out var unknown);
        var html = new StringBuilder(8192);
        if (catalog.Forms.IsEmpty)
        {
            await DashboardLayout.WritePageAsync(request, DashboardSection.Entries, Title.In(request), DashboardForms.Message(NoForm.In(request)));
            return;
        }

        AppendPicker(html, request, catalog, form);
        if (unknown || form is null)
        {
            html.Append(DashboardForms.Message(UnknownForm.In(request), error: true));
            await DashboardLayout.WritePageAsync(request, DashboardSection.Entries, Title.In(request), html.ToString(), StatusCodes.Status404NotFound);
            return;
        }

        var store = context.RequestServices.GetRequiredService<IOptinStore>();
        var total = await store.Submissions.CountByFormAsync(form.Id, request.Aborted);
        var pages = (int)Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, pages) : 1;
        var formQuery = "?form=" + Uri.EscapeDataString(form.Id);
        html.Append("<p class=\"dash-actions\"><a href=\"").Append(Html.Encode(request.Url("/entries/export" + formQuery))).Append("\" download>")
            .Append(Html.Encode(Download.In(request))).Append("</a></p>\n");
        if (total == 0)
        {
            html.Append(DashboardForms.Message(None.In(request)));
            await DashboardLayout.WritePageAsync(request, DashboardSection.Entries, Title.In(request), html.ToString());
            return;
        }

        html.Append("<p>").Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, Summary.In(request), total, page, pages))).Append("</p>\n");
        var fields = form.Fields;
        html.Append("<div class=\"dash-table-wrap\">\n<table class=\"dash-table\">\n<caption>")
            .Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, Caption.In(request), form.Id))).Append("</caption>\n<thead><tr><th scope=\"col\">")
            .Append(Html.Encode(Received.In(request))).Append("</th>");
        foreach (var field in fields)
        {
            html.Append("<th scope=\"col\">").Append(Html.Encode(field.Label.Get(request.Culture, catalog.DefaultCulture) is { Length: > 0 } label ? label : field.Name))
                .Append("</th>");
        }

        html.Append("<th scope=\"col\">").Append(Html.Encode(Culture.In(request))).Append("</th><th scope=\"col\">").Append(Html.Encode(Consents.In(request)))
            .Append("</th></tr></thead>\n<tbody>\n");
        await foreach (var submission in store.Submissions.ListByFormAsync(form.Id, (page - 1) * PageSize, PageSize, request.Aborted))
        {
            AppendRow(html, submission, fields);
        }

        html.Append("</tbody>\n</table>\n</div>\n");
        AppendPaging(html, request, formQuery, page, pages);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Entries, Title.In(request), html.ToString());
    }

    private static void AppendPicker(StringBuilder html, DashboardRequest request, FormCatalog catalog, FormDefinition? chosen)
    {
        html.Append("<form method=\"get\" action=\"").Append(Html.Encode(request.Url("/entries"))).Append("\" class=\"dash-inline\">\n")
            .Append("<p class=\"dash-field\"><label for=\"form\">").Append(Html.Encode(FormLabel.In(request))).Append("</label><select id=\"form\" name=\"form\">");
        foreach (var form in catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            html.Append("<option value=\"").Append(Html.Encode(form.Id)).Append('"').Append(form == chosen ? " selected" : string.Empty).Append('>')
                .Append(Html.Encode(form.Id));
            if (form.Title.Get(request.Culture, catalog.DefaultCulture) is { Length: > 0 } title)
            {
                html.Append(" — ").Append(Html.Encode(title));
            }

            html.Append("</option>");
        }

        html.Append("</select></p>\n<p><button type=\"submit\">").Append(Html.Encode(Show.In(request))).Append("</button></p>\n</form>\n");
    }

    private static void AppendRow(StringBuilder html, SubmissionRecord submission, IEnumerable<FieldDefinition> fields)
    {
        html.Append("<tr><td>").Append(Format(submission.ReceivedAt)).Append("</td>");
        foreach (var field in fields)
        {
            // Several values (a checkbox group, a multi-select) are stored one per line, and shown so.
            html.Append("<td>").AppendJoin("<br>", (submission.Values.GetValueOrDefault(field.Name) ?? string.Empty).Split('\n').Select(Html.Encode))
                .Append("</td>");
        }

        html.Append("<td>").Append(Html.Encode(submission.Culture)).Append("</td><td>").Append(Html.Encode(string.Join(", ", submission.ConsentsGiven)))
            .Append("</td></tr>\n");
    }

    private static void AppendPaging(StringBuilder html, DashboardRequest request, string formQuery, int page, int pages)
    {
        if (pages <= 1)
        {
            return;
        }

        html.Append("<nav aria-label=\"").Append(Html.Encode(Paging.In(request))).Append("\"><ul class=\"dash-pager\">");
        if (page > 1)
        {
            html.Append("<li><a rel=\"prev\" href=\"").Append(Html.Encode(request.Url("/entries" + formQuery + "&page=" + (page - 1).ToString(CultureInfo.InvariantCulture))))
                .Append("\">").Append(Html.Encode(Previous.In(request))).Append("</a></li>");
        }

        if (page < pages)
        {
            html.Append("<li><a rel=\"next\" href=\"").Append(Html.Encode(request.Url("/entries" + formQuery + "&page=" + (page + 1).ToString(CultureInfo.InvariantCulture))))
                .Append("\">").Append(Html.Encode(Next.In(request))).Append("</a></li>");
        }

        html.Append("</ul></nav>\n");
    }
}
