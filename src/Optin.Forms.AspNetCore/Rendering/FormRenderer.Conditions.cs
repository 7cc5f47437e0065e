using System.Text;
using System.Text.Json;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>
/// Conditional fields (<c>ShowWhen</c>). Without JavaScript every field is shown, its condition stated in its label
/// ("Only if “Topic” is “A quote”"), and a required one is not marked <c>required</c> for the browser (the server requires
/// it only when its condition holds). The local script <c>conditions.js</c> hides a field whose condition does not hold
/// (<c>hidden</c>, its inputs disabled so that they are neither checked nor posted), shows it when it does, and then drops
/// the statement, which says nothing more than the field's appearance.
/// </summary>
internal static partial class FormRenderer
{
    /// <summary>The asset the forms with conditions load (no inline script: the strict Content-Security-Policy holds).</summary>
    internal const string ConditionsScript = "conditions.js";

    /// <summary>The attribute that makes a field required for the browser: none on a conditional field until the script shows it.</summary>
    private static string RequiredAttribute(FieldDefinition field) =>
        field.ShowWhen is null ? " required" : " data-optin-required";

    /// <summary>The condition of a field's wrapper, for the script: the field it reads and the values that show it.</summary>
    private static string ConditionAttributes(FieldDefinition field) =>
        field.ShowWhen is not { } when
            ? string.Empty
            : " data-optin-show-field=\"" + Html.Encode(when.Field) + "\" data-optin-show-values=\""
              + Html.Encode(JsonSerializer.Serialize(when.Values.ToArray(), ConditionJson.Default.StringArray)) + "\"";

    /// <summary>The condition in words, in the field's label or legend; empty for a field without one.</summary>
    private static string ConditionNote(FormRenderModel model, FieldDefinition field)
    {
        if (field.ShowWhen is not { } when || model.Form.FindField(when.Field) is not { } read)
        {
            return string.Empty;
        }

        var culture = model.Culture;
        var fallback = model.Catalog.DefaultCulture;
        var french = culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var (open, close) = french ? ("« ", " »") : ("“", "”");
        var name = open + (read.Label.Get(culture, fallback) ?? read.Name) + close;
        var values = string.Join(french ? " ou " : " or ", when.Values.Select(v =>
            open + (read.Choices.FirstOrDefault(c => c.Value == v)?.Label.Get(culture, fallback) ?? v) + close));
        var text = (read.Kind, french) switch
        {
            (FieldKind.Checkbox, true) => $"Seulement si {name} est coché",
            (FieldKind.Checkbox, false) => $"Only if {name} is ticked",
            (FieldKind.CheckboxGroup or FieldKind.MultiSelect, true) => $"Seulement si {name} comprend {values}",
            (FieldKind.CheckboxGroup or FieldKind.MultiSelect, false) => $"Only if {name} includes {values}",
            (_, true) => $"Seulement si {name} est {values}",
            _ => $"Only if {name} is {values}",
        };
        return " <span class=\"optin-condition\">" + Html.Encode(text) + "</span>";
    }

    /// <summary>The script, once per form that has a condition, from the same place as the form's other assets.</summary>
    private static void AppendConditionsScript(StringBuilder html, FormRenderModel model)
    {
        if (!model.Form.Fields.Any(f => f.ShowWhen is not null))
        {
            return;
        }

        // The form posts to {base}{prefix}/forms/{id}: the assets are served from {base}{prefix}/assets/.
        var at = model.Action.LastIndexOf("/forms/", StringComparison.Ordinal);
        var root = at < 0 ? string.Empty : model.Action[..at];
        html.Append("<script src=\"").Append(Html.Encode(root + "/assets/" + ConditionsScript)).Append("\" defer></script>\n");
    }
}
