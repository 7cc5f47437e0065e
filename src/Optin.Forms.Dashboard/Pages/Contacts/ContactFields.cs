using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore.Rendering;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>
/// The section's form fields. The contact page holds several forms, each with its own <c>reason</c>: the ids are
/// prefixed by the form (<c>rectify-reason</c>) so that each label stays tied to its one input.
/// </summary>
internal static class ContactFields
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");

    public static StringBuilder Input(StringBuilder html, string id, string name, string label, string? value = null, bool required = false,
        string type = "text", string? autocomplete = null)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label>")
            .Append("<input type=\"").Append(type).Append("\" id=\"").Append(id).Append("\" name=\"").Append(name).Append('"');
        if (!string.IsNullOrEmpty(value))
        {
            html.Append(" value=\"").Append(Html.Encode(value)).Append('"');
        }

        if (autocomplete is not null)
        {
            html.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        }

        return html.Append(required ? " required></p>\n" : "></p>\n");
    }

    public static StringBuilder Select(StringBuilder html, string id, string name, string label, IEnumerable<(string Value, string Text)> options,
        string? selected = null, bool required = false)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label>")
            .Append("<select id=\"").Append(id).Append("\" name=\"").Append(name).Append('"').Append(required ? " required>" : ">");
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(Html.Encode(value)).Append('"');
            if (string.Equals(value, selected, StringComparison.Ordinal))
            {
                html.Append(" selected");
            }

            html.Append('>').Append(Html.Encode(text)).Append("</option>");
        }

        return html.Append("</select></p>\n");
    }

    public static StringBuilder Submit(StringBuilder html, string text, string? cssClass = null) =>
        html.Append("<p class=\"dash-actions\"><button type=\"submit\"").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append('>')
            .Append(Html.Encode(text)).Append("</button></p>\n</form>\n");

    /// <summary>An instant as a <c>&lt;time&gt;</c> element, in UTC to the second.</summary>
    public static string Time(Instant instant) =>
        "<time datetime=\"" + InstantPattern.ExtendedIso.Format(instant) + "\">" + Pattern.Format(instant) + " UTC</time>";

    public static string Number(long value, string culture) => value.ToString("N0", CultureInfo.GetCultureInfo(culture));
}
