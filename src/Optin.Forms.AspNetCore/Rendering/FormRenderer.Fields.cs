using System.Text;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The fields other than consents.</summary>
internal static partial class FormRenderer
{
    private static void AppendField(StringBuilder html, FormRenderModel model, FieldDefinition field, string id, string? firstError)
    {
        var culture = model.Culture;
        var value = model.Values.GetValueOrDefault(field.Name);
        if (field.Kind == FieldKind.Hidden)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(field.Name)).Append("\" value=\"")
                .Append(Html.Encode(field.Value)).Append("\">\n");
            return;
        }

        var inputId = InputId(id, field.Name);
        var errors = model.Errors.Where(e => e.Field == field.Name).ToList();
        var label = field.Label.Get(culture, model.Catalog.DefaultCulture) ?? field.Name;
        if (field.Kind is FieldKind.Radio or FieldKind.CheckboxGroup)
        {
            AppendChoiceGroup(html, model, field, inputId, label, errors, firstError == field.Name);
            return;
        }

        var common = new StringBuilder();
        common.Append(" id=\"").Append(inputId).Append("\" name=\"").Append(Html.Encode(field.Name)).Append('"');
        if (field.Required)
        {
            common.Append(RequiredAttribute(field));
        }

        if (errors.Count > 0)
        {
            common.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(inputId).Append("-error\"");
        }

        if (firstError == field.Name)
        {
            common.Append(" autofocus");
        }

        html.Append("<div class=\"optin-field optin-field-").Append(field.Kind.ToString().ToLowerInvariant()).Append('"')
            .Append(ConditionAttributes(field)).Append(">\n");
        if (field.Kind == FieldKind.Checkbox)
        {
            html.Append("<input type=\"checkbox\" value=\"true\"").Append(common);
            if (value == "true")
            {
                html.Append(" checked");
            }

            html.Append(">\n");
            AppendLabel(html, inputId, label, field.Required, culture, ConditionNote(model, field));
        }
        else
        {
            AppendLabel(html, inputId, label, field.Required, culture, ConditionNote(model, field));
            AppendInput(html, model, field, common.ToString(), value, culture);
        }

        AppendErrors(html, inputId, errors, culture, model);
        html.Append("</div>\n");
    }

    private static void AppendLabel(StringBuilder html, string inputId, string label, bool required, string culture, string note = "")
    {
        html.Append("<label for=\"").Append(inputId).Append("\">").Append(Html.Encode(label));
        if (required)
        {
            html.Append(" <span class=\"optin-required\">(").Append(Html.Encode(WebTexts.Get(culture, "Required"))).Append(")</span>");
        }

        html.Append(note).Append("</label>\n");
    }

    private static void AppendInput(StringBuilder html, FormRenderModel model, FieldDefinition field, string common, string? value, string culture)
    {
        switch (field.Kind)
        {
            case FieldKind.TextArea:
                html.Append("<textarea rows=\"6\" maxlength=\"").Append(field.MaxLength).Append('"').Append(common).Append('>')
                    .Append(Html.Encode(value)).Append("</textarea>\n");
                return;
            case FieldKind.Select or FieldKind.MultiSelect:
                var chosen = FieldDefinition.SplitValues(value);
                if (field.Kind == FieldKind.MultiSelect)
                {
                    html.Append("<select multiple size=\"").Append(Math.Min(field.Choices.Length, 8)).Append('"').Append(common).Append(">\n");
                }
                else
                {
                    html.Append("<select").Append(common).Append(">\n<option value=\"\">")
                        .Append(Html.Encode(WebTexts.Get(culture, "ChooseOne"))).Append("</option>\n");
                }

                foreach (var choice in field.Choices)
                {
                    html.Append("<option value=\"").Append(Html.Encode(choice.Value)).Append('"');
                    if (chosen.Contains(choice.Value))
                    {
                        html.Append(" selected");
                    }

                    html.Append('>').Append(Html.Encode(choice.Label.Get(culture, model.Catalog.DefaultCulture) ?? choice.Value))
                        .Append("</option>\n");
                }

                html.Append("</select>\n");
                return;
            default:
                var (type, extra) = field.Kind switch
                {
                    FieldKind.Email => ("email", " autocomplete=\"email\" spellcheck=\"false\""),
                    FieldKind.Phone => ("tel", " autocomplete=\"tel\""),
                    FieldKind.Number when field.Min is not null || field.Max is not null => ("number", " step=\"any\"" + Bounds(field)),
                    FieldKind.Number => ("text", " inputmode=\"decimal\""),
                    FieldKind.Date => ("date", Bounds(field)),
                    _ => ("text", AutoComplete(field.Name)),
                };
                html.Append("<input type=\"").Append(type).Append('"').Append(extra).Append(" maxlength=\"").Append(field.MaxLength)
                    .Append('"').Append(common).Append(" value=\"").Append(Html.Encode(value)).Append("\">\n");
                return;
        }
    }

    private static string AutoComplete(string name) => name.ToUpperInvariant() switch
    {
        "FIRSTNAME" or "GIVENNAME" or "PRENOM" => " autocomplete=\"given-name\"",
        "LASTNAME" or "FAMILYNAME" or "NOM" => " autocomplete=\"family-name\"",
        "NAME" or "FULLNAME" => " autocomplete=\"name\"",
        "COMPANY" or "ORGANIZATION" or "SOCIETE" => " autocomplete=\"organization\"",
        _ => string.Empty,
    };

    /// <summary>An error's message in <paramref name="culture"/>, for JSON answers too.</summary>
    internal static string Describe(string culture, FieldError error, FormDefinition? form = null) =>
        Message(culture, error, form?.FindField(error.Field));
}
