using System.Text;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>
/// Renders a form as semantic, accessible HTML: a label for every field, errors tied with <c>aria-describedby</c>,
/// the first invalid field focused (with <c>autofocus</c>, so without JavaScript), and the consents in a fieldset,
/// each checkbox unticked (CONS-1) and labelled by the exact consent text the submission will store (CONS-7).
/// </summary>
internal static partial class FormRenderer
{
    public static string Render(FormRenderModel model, string honeypot)
    {
        ArgumentNullException.ThrowIfNull(model);
        var form = model.Form;
        var culture = model.Culture;
        var id = "optin-" + Slug(form.Id);
        var html = new StringBuilder(4096);
        var titleId = id + "-title";
        html.Append("<form class=\"optin-form\" id=\"").Append(id).Append("\" method=\"post\" action=\"").Append(Html.Encode(model.Action))
            .Append("\" enctype=\"application/x-www-form-urlencoded\" aria-labelledby=\"").Append(titleId).Append("\">\n");
        html.Append("<h2 class=\"optin-form-title\" id=\"").Append(titleId).Append("\">")
            .Append(Html.Encode(form.Title.Get(culture, model.Catalog.DefaultCulture) ?? form.Id)).Append("</h2>\n");
        AppendStepHeading(html, model, id);
        AppendErrorSummary(html, model, id);
        foreach (var (name, value) in model.Hidden)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">\n");
        }

        var firstError = model.Errors.Select(e => e.Field).FirstOrDefault();
        foreach (var field in model.Step?.Fields ?? form.Fields)
        {
            if (model.Omitted?.Contains(field.Name) == true)
            {
                continue;
            }

            AppendField(html, model, field, id, firstError);
        }

        AppendHoneypot(html, id, honeypot, culture);
        AppendProcessingNotice(html, model, id);
        if (model.Step is null or { HasConsents: true })
        {
            AppendConsents(html, model, id, firstError);
        }

        AppendChallenge(html, model, id);
        AppendConditionsScript(html, model);
        if (!AppendStepActions(html, model))
        {
            html.Append("<div class=\"optin-actions\"><button type=\"submit\" class=\"optin-button\">")
                .Append(Html.Encode(WebTexts.Get(culture, "Submit"))).Append("</button></div>\n");
        }
        html.Append("</form>\n");
        return html.ToString();
    }

    private static void AppendErrorSummary(StringBuilder html, FormRenderModel model, string id)
    {
        if (model.Notice is not null)
        {
            html.Append("<div class=\"optin-error-summary\" role=\"alert\" id=\"").Append(id).Append("-notice\"><p>")
                .Append(Html.Encode(model.Notice)).Append("</p></div>\n");
        }

        if (model.Errors.Count == 0)
        {
            return;
        }

        html.Append("<div class=\"optin-error-summary\" role=\"alert\" id=\"").Append(id).Append("-errors\">\n<p>")
            .Append(Html.Encode(WebTexts.Get(model.Culture, "ErrorSummary"))).Append("</p>\n<ul>\n");
        foreach (var error in model.Errors)
        {
            var anchor = model.Form.FindField(error.Field) is { Kind: FieldKind.Radio or FieldKind.CheckboxGroup }
                ? ChoiceId(InputId(id, error.Field), 0)
                : InputId(id, error.Field);
            html.Append("<li><a href=\"#").Append(anchor).Append("\">")
                .Append(Html.Encode(LabelOf(model, error.Field)))
                .Append(model.Culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? " : " : ": ")
                .Append(Html.Encode(Message(model.Culture, error, model.Form.FindField(error.Field)))).Append("</a></li>\n");
        }

        html.Append("</ul>\n</div>\n");
    }

    private static void AppendHoneypot(StringBuilder html, string id, string honeypot, string culture)
    {
        var inputId = id + "-hp";
        html.Append("<div class=\"optin-hp\" aria-hidden=\"true\"><label for=\"").Append(inputId).Append("\">")
            .Append(Html.Encode(WebTexts.Get(culture, "Honeypot"))).Append("</label><input type=\"text\" id=\"").Append(inputId)
            .Append("\" name=\"").Append(Html.Encode(honeypot)).Append("\" value=\"\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
    }

    private static void AppendConsents(StringBuilder html, FormRenderModel model, string id, string? firstError)
    {
        if (model.Form.Consents.IsDefaultOrEmpty)
        {
            return;
        }

        var culture = model.Culture;
        html.Append("<fieldset class=\"optin-consents\" aria-describedby=\"").Append(id).Append("-consents-hint\">\n<legend>")
            .Append(Html.Encode(WebTexts.Get(culture, "Consents"))).Append("</legend>\n<p class=\"optin-hint\" id=\"").Append(id)
            .Append("-consents-hint\">").Append(Html.Encode(WebTexts.Get(culture, "ConsentsHint"))).Append("</p>\n");
        foreach (var purpose in model.Form.Consents)
        {
            AppendConsent(html, model, purpose, id, firstError);
        }

        html.Append("</fieldset>\n");
    }

    /// <summary>
    /// One consent box as a pristine rendering of the form shows it (unticked, no error): what a submission archives
    /// as the box the person saw (EVD-1).
    /// </summary>
    public static string RenderConsentBox(FormCatalog catalog, FormDefinition form, PurposeDefinition purpose, string culture)
    {
        var html = new StringBuilder(1024);
        var model = new FormRenderModel(form, catalog, culture, string.Empty, [], new Dictionary<string, string>(), []);
        AppendConsent(html, model, purpose, "optin-" + Slug(form.Id), null);
        return html.ToString();
    }

    private static void AppendConsent(StringBuilder html, FormRenderModel model, PurposeDefinition purpose, string id, string? firstError)
    {
        var culture = model.Culture;
        {
            var text = purpose.GetText(culture, model.Catalog.DefaultCulture);
            var inputId = InputId(id, purpose.FieldName);
            var purposeId = inputId + "-purpose";
            var errors = model.Errors.Where(e => e.Field == purpose.FieldName).ToList();
            html.Append("<div class=\"optin-consent\">\n<input type=\"checkbox\" id=\"").Append(inputId).Append("\" name=\"")
                .Append(Html.Encode(purpose.FieldName)).Append("\" value=\"true\" aria-describedby=\"").Append(purposeId);
            if (errors.Count > 0)
            {
                html.Append(' ').Append(inputId).Append("-error\" aria-invalid=\"true");
            }

            html.Append('"');
            if (firstError == purpose.FieldName)
            {
                html.Append(" autofocus");
            }

            html.Append(">\n<label for=\"").Append(inputId).Append("\">").Append(Html.Encode(text.Consent)).Append("</label>\n");
            html.Append("<p class=\"optin-purpose\" id=\"").Append(purposeId).Append("\"><span class=\"optin-purpose-text\">")
                .Append(Html.Encode(text.Purpose)).Append("</span>");
            if (!string.IsNullOrEmpty(purpose.Controller))
            {
                html.Append(" <span class=\"optin-controller\">").Append(Html.Encode(WebTexts.Get(culture, "Controller")))
                    .Append(' ').Append(Html.Encode(purpose.Controller)).Append("</span>");
            }

            if (!string.IsNullOrEmpty(purpose.PrivacyNotice))
            {
                html.Append(" <a class=\"optin-privacy\" href=\"").Append(Html.Encode(SafeHref(purpose.PrivacyNotice))).Append("\">")
                    .Append(Html.Encode(WebTexts.Get(culture, "PrivacyNotice"))).Append("</a>");
            }

            html.Append("</p>\n");
            AppendErrors(html, inputId, errors, culture);
            html.Append("</div>\n");
        }
    }

    private static void AppendErrors(StringBuilder html, string inputId, List<FieldError> errors, string culture,
        FormRenderModel? model = null)
    {
        if (errors.Count == 0)
        {
            return;
        }

        html.Append("<p class=\"optin-error\" id=\"").Append(inputId).Append("-error\">")
            .Append(Html.Encode(string.Join(" ", errors.Select(e => Message(culture, e, model?.Form.FindField(e.Field))))))
            .Append("</p>\n");
    }

    /// <summary>An error's message in <paramref name="culture"/>; with the field, one that names its bounds.</summary>
    internal static string Message(string culture, FieldError error, FieldDefinition? field = null)
    {
        if (field is not null && WebTexts.ForField(culture, error.Code, field) is { } specific)
        {
            return specific;
        }

        var text = WebTexts.Get(culture, error.Code);
        return text == error.Code ? error.Message : text;
    }

    private static string LabelOf(FormRenderModel model, string field)
    {
        if (model.Form.FindField(field) is { } f)
        {
            return f.Label.Get(model.Culture, model.Catalog.DefaultCulture) ?? f.Name;
        }

        return model.Form.Consents.FirstOrDefault(p => p.FieldName == field)?.GetText(model.Culture, model.Catalog.DefaultCulture).Consent
            ?? field;
    }

    /// <summary>Only http(s) URLs and local paths become links; anything else (<c>javascript:</c>) is shown inert.</summary>
    internal static string SafeHref(string href) =>
        href.StartsWith('/') || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? href
            : "#";

    internal static string InputId(string formHtmlId, string field) => formHtmlId + "-" + Slug(field);

    internal static string Slug(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return slug.ToString();
    }
}
