using System.Text;
using Optin.Forms.AspNetCore.Endpoints;

namespace Optin.Forms.AspNetCore.Rendering;

/// <content>
/// A multi-step form's page: "Step 2 of 3: title" under the form's title, and the buttons, plain submit buttons so that
/// back and forward work without JavaScript. "Next" comes first, so that Enter in a field goes forward.
/// </content>
internal static partial class FormRenderer
{
    private static void AppendStepHeading(StringBuilder html, FormRenderModel model, string id)
    {
        if (model.Step is not { } step)
        {
            return;
        }

        var culture = model.Culture;
        var heading = string.Format(System.Globalization.CultureInfo.InvariantCulture, StepTexts.Get(culture, "StepOf"), step.Number,
            model.Form.Steps.Length);
        if (step.Title.Get(culture, model.Catalog.DefaultCulture) is { Length: > 0 } title)
        {
            heading += StepTexts.Get(culture, "StepTitleSeparator") + title;
        }

        html.Append("<h3 class=\"optin-step-title\" id=\"").Append(id).Append("-step\">").Append(Html.Encode(heading)).Append("</h3>\n");
    }

    /// <summary>The step buttons; <see langword="false"/> when the form has no steps (the usual submit button is drawn).</summary>
    private static bool AppendStepActions(StringBuilder html, FormRenderModel model)
    {
        if (model.Step is not { } step)
        {
            return false;
        }

        var culture = model.Culture;
        html.Append("<div class=\"optin-actions optin-step-actions\">");
        if (step.IsLast)
        {
            html.Append("<button type=\"submit\" class=\"optin-button\">").Append(Html.Encode(WebTexts.Get(culture, "Submit"))).Append("</button>");
        }
        else
        {
            html.Append("<button type=\"submit\" class=\"optin-button\" name=\"").Append(FormStepState.NextField).Append("\" value=\"1\">")
                .Append(Html.Encode(StepTexts.Get(culture, "Next"))).Append("</button>");
        }

        if (step.Index > 0)
        {
            html.Append(" <button type=\"submit\" class=\"optin-button optin-button-secondary\" name=\"").Append(FormStepState.BackField)
                .Append("\" value=\"1\" formnovalidate>").Append(Html.Encode(StepTexts.Get(culture, "Back"))).Append("</button>");
        }

        html.Append("</div>\n");
        return true;
    }
}

/// <summary>The words of multi-step forms, in French and English (other cultures fall back to English).</summary>
internal static class StepTexts
{
    private static readonly Dictionary<string, string> French = new(StringComparer.Ordinal)
    {
        ["StepOf"] = "Étape {0} sur {1}",
        ["StepTitleSeparator"] = " : ",
        ["Next"] = "Suivant",
        ["Back"] = "Précédent",
        ["StepsRefused"] = "Le formulaire n'a pas pu reprendre là où vous en étiez : les réponses des étapes précédentes n'étaient pas lisibles. Rien n'a été enregistré ; recommencez à partir de la première étape.",
        ["StepsExpired"] = "Cette page a expiré : les réponses des étapes précédentes ne sont plus valables. Rien n'a été enregistré ; recommencez à partir de la première étape.",
    };

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["StepOf"] = "Step {0} of {1}",
        ["StepTitleSeparator"] = ": ",
        ["Next"] = "Next",
        ["Back"] = "Back",
        ["StepsRefused"] = "The form could not pick up where you left it: the answers of the earlier steps could not be read. Nothing was saved; start again from the first step.",
        ["StepsExpired"] = "This page has expired: the answers of the earlier steps are no longer valid. Nothing was saved; start again from the first step.",
    };

    public static string Get(string culture, string key) =>
        (culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English).GetValueOrDefault(key, key);
}
