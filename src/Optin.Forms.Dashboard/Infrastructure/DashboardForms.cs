using System.Text;
using Optin.Forms.AspNetCore.Rendering;

namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// Building blocks for the back office's forms: every POST carries antiforgery, and every destructive change
/// (erasure, bulk change) goes through <see cref="ConfirmationStep"/> first, which shows what will change.
/// </summary>
internal static class DashboardForms
{
    /// <summary>The name of the hidden field that marks a post as the confirmed second step.</summary>
    public const string ConfirmedField = "confirmed";

    private static readonly DashboardText Confirm = new("Confirm", "Confirmer");
    private static readonly DashboardText Cancel = new("Cancel", "Annuler");
    private static readonly DashboardText ReasonLabel = new("Reason (recorded in the ledger)", "Motif (enregistré dans le registre)");

    /// <summary>Opens a POST form to <paramref name="action"/> (a dashboard path) with its antiforgery field.</summary>
    public static StringBuilder OpenForm(StringBuilder html, DashboardRequest request, string action, string? cssClass = null)
    {
        html.Append("<form method=\"post\" action=\"").Append(Html.Encode(request.Url(action))).Append('"');
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(Html.Encode(cssClass)).Append('"');
        }

        return html.Append(">\n").Append(request.AntiforgeryField()).Append('\n');
    }

    /// <summary>A labelled text input (the label tied with <c>for</c>).</summary>
    public static StringBuilder TextField(StringBuilder html, string id, string label, string? value = null, bool required = false,
        string type = "text", string? hint = null)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label>");
        if (hint is not null)
        {
            html.Append("<span class=\"dash-hint\" id=\"").Append(id).Append("-hint\">").Append(Html.Encode(hint)).Append("</span>");
        }

        html.Append("<input type=\"").Append(type).Append("\" id=\"").Append(id).Append("\" name=\"").Append(id).Append('"');
        if (value is not null)
        {
            html.Append(" value=\"").Append(Html.Encode(value)).Append('"');
        }

        if (required)
        {
            html.Append(" required");
        }

        if (hint is not null)
        {
            html.Append(" aria-describedby=\"").Append(id).Append("-hint\"");
        }

        return html.Append("></p>\n");
    }

    /// <summary>The reason field every change carries (recorded in the ledger with the actor).</summary>
    public static StringBuilder ReasonField(StringBuilder html, DashboardRequest request, string? value = null) =>
        TextField(html, "reason", ReasonLabel.In(request), value, required: true);

    /// <summary>
    /// The confirmation step of a destructive change: <paramref name="summaryHtml"/> says what will change; the form posts
    /// back to <paramref name="action"/> the same <paramref name="fields"/> plus <see cref="ConfirmedField"/>.
    /// </summary>
    public static string ConfirmationStep(DashboardRequest request, string action, string summaryHtml, IEnumerable<KeyValuePair<string, string>> fields,
        string cancelPath)
    {
        var html = new StringBuilder(1024);
        html.Append("<section class=\"dash-confirm\" aria-labelledby=\"confirm-title\">\n<h2 id=\"confirm-title\">")
            .Append(Html.Encode(Confirm.In(request))).Append("</h2>\n").Append(summaryHtml).Append('\n');
        OpenForm(html, request, action);
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">\n");
        }

        html.Append("<input type=\"hidden\" name=\"").Append(ConfirmedField).Append("\" value=\"true\">\n")
            .Append("<p class=\"dash-actions\"><button type=\"submit\" class=\"dash-danger\">").Append(Html.Encode(Confirm.In(request)))
            .Append("</button> <a href=\"").Append(Html.Encode(request.Url(cancelPath))).Append("\">").Append(Html.Encode(Cancel.In(request)))
            .Append("</a></p>\n</form>\n</section>\n");
        return html.ToString();
    }

    /// <summary>A status message (<c>role="status"</c>) or an error (<c>role="alert"</c>).</summary>
    public static string Message(string text, bool error = false) =>
        "<p class=\"" + (error ? "dash-error\" role=\"alert\"" : "dash-status\" role=\"status\"") + ">" + Html.Encode(text) + "</p>\n";
}
