using System.Text;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>Radio buttons and checkbox groups: a fieldset whose legend is the field's label, each option labelled.</summary>
internal static partial class FormRenderer
{
    private static void AppendChoiceGroup(StringBuilder html, FormRenderModel model, FieldDefinition field, string inputId, string label,
        List<FieldError> errors, bool focus)
    {
        var culture = model.Culture;
        var chosen = FieldDefinition.SplitValues(model.Values.GetValueOrDefault(field.Name));
        var type = field.Kind == FieldKind.Radio ? "radio" : "checkbox";
        html.Append("<fieldset class=\"optin-field optin-field-").Append(field.Kind.ToString().ToLowerInvariant()).Append("\" id=\"")
            .Append(inputId).Append('"').Append(ConditionAttributes(field)).Append(">\n<legend>").Append(Html.Encode(label));
        if (field.Required)
        {
            html.Append(" <span class=\"optin-required\">(").Append(Html.Encode(WebTexts.Get(culture, "Required"))).Append(")</span>");
        }

        html.Append(ConditionNote(model, field)).Append("</legend>\n");
        for (var i = 0; i < field.Choices.Length; i++)
        {
            var choice = field.Choices[i];
            var optionId = ChoiceId(inputId, i);
            html.Append("<div class=\"optin-choice\"><input type=\"").Append(type).Append("\" id=\"").Append(optionId).Append("\" name=\"")
                .Append(Html.Encode(field.Name)).Append("\" value=\"").Append(Html.Encode(choice.Value)).Append('"');
            if (chosen.Contains(choice.Value))
            {
                html.Append(" checked");
            }

            // A required radio group is one constraint over its buttons; on checkboxes, required would mean "tick them all".
            if (field.Required && field.Kind == FieldKind.Radio)
            {
                html.Append(RequiredAttribute(field));
            }

            if (errors.Count > 0)
            {
                html.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(inputId).Append("-error\"");
            }

            if (focus && i == 0)
            {
                html.Append(" autofocus");
            }

            html.Append("><label for=\"").Append(optionId).Append("\">")
                .Append(Html.Encode(choice.Label.Get(culture, model.Catalog.DefaultCulture) ?? choice.Value)).Append("</label></div>\n");
        }

        AppendErrors(html, inputId, errors, culture, model);
        html.Append("</fieldset>\n");
    }

    /// <summary>The id of a group's option; the error summary links to the first.</summary>
    private static string ChoiceId(string inputId, int index) => inputId + "-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>min</c> and <c>max</c> attributes of a number or date input.</summary>
    private static string Bounds(FieldDefinition field)
    {
        var bounds = new StringBuilder();
        if (field.Min is not null)
        {
            bounds.Append(" min=\"").Append(Html.Encode(field.Min)).Append('"');
        }

        if (field.Max is not null)
        {
            bounds.Append(" max=\"").Append(Html.Encode(field.Max)).Append('"');
        }

        return bounds.ToString();
    }
}
