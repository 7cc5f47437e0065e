using MimeKit;
using NodaTime;
using Optin.Forms.Mail;
using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// Renders a template with the sample values of the variable reference (docs/templates.md) and composes the message
/// exactly as it would be sent, so an owner sees an email before any visitor does (<c>optin preview</c>).
/// </summary>
internal static class EmailPreview
{
    /// <summary>The sample recipient, for mail to the contact.</summary>
    public const string SampleRecipient = "marie.dupont@example.org";

    /// <summary>Renders <paramref name="templateId"/> in <paramref name="culture"/>; an error message instead when either does not exist.</summary>
    public static async Task<(MimeMessage? Message, string? Error)> CreateAsync(OptinFormsOptions options, FormCatalog catalog, string templateId,
        string culture, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clock);
        var templates = EmailTemplateCompiler.Compile(options, []);
        if (!templates.Contains(templateId))
        {
            var pageTemplate = options.LandingPages.Values.Any(p => string.Equals(p.Template, templateId, StringComparison.OrdinalIgnoreCase)
                || p.Variants.Values.Any(v => string.Equals(v.Template, templateId, StringComparison.OrdinalIgnoreCase)));
            return (null, pageTemplate
                ? $"'{templateId}' is a landing page's template, not an email; open the landing page to see it"
                : $"there is no email template '{templateId}'" + (ClosestName.Find(templateId, templates.Ids) is { } meant ? $"; did you mean '{meant}'?" : "")
                    + $" The email templates are: {string.Join(", ", templates.Ids)}.");
        }

        var cultures = templates.CulturesOf(templateId).ToList();
        var template = templates.Find(templateId, culture);
        if (template is null || !(string.Equals(template.Culture, culture, StringComparison.OrdinalIgnoreCase)
            || string.Equals(template.Culture, culture.Split('-')[0], StringComparison.OrdinalIgnoreCase)
            || template.Culture == LocalizedText.AnyCulture))
        {
            return (null, $"the template '{templateId}' is not written in '{culture}'; its cultures are: {string.Join(", ", cultures)}.");
        }

        var use = TemplateUses.Of(options).GetValueOrDefault(templateId)?.FirstOrDefault();
        var kind = use?.Kind ?? (string.Equals(templateId, EmailTemplateCompiler.DoubleOptinTemplate, StringComparison.OrdinalIgnoreCase)
            ? TemplateKind.DoubleOptin : (TemplateKind?)null);
        var form = use?.Forms.Count > 0 ? catalog.FindForm(use.Forms[0]) : catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
        var model = Model(kind, form, catalog, culture);
        var renderer = new EmailRenderer(templates, clock);
        var email = await renderer.RenderAsync(templateId, culture, model);
        var recipient = kind == TemplateKind.Notification ? Recipient(options, templateId) ?? SampleRecipient : SampleRecipient;
        var message = MailComposer.Compose(email, options.Mail.From ?? "preview@example.org", recipient, $"preview.{templateId}.{culture}@optin.invalid",
            clock.GetCurrentInstant(), email.Marketing ? model.UnsubscribeUrl ?? Sample(nameof(EmailModel.UnsubscribeUrl)) : null);
        return (message, null);
    }

    private static EmailModel Model(TemplateKind? kind, FormDefinition? form, FormCatalog catalog, string culture)
    {
        var names = (kind is { } k ? TemplateVariables.Of(k) : TemplateVariables.AnyEmail).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        string? Value(string name) => names.Contains(name) ? Sample(name) : null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Contains(nameof(EmailModel.Fields)) && form is not null)
        {
            foreach (var field in form.Fields.Where(f => f.Kind != FieldKind.Email))
            {
                var choice = field.Choices.IsDefaultOrEmpty ? null : field.Choices[0];
                values[field.Name] = choice?.Value ?? $"[{field.Label.Get(culture, catalog.DefaultCulture) ?? field.Name}]";
                fields[field.Name] = choice?.Label.Get(culture, catalog.DefaultCulture) ?? values[field.Name];
            }
        }

        return new EmailModel
        {
            ConfirmUrl = Value(nameof(EmailModel.ConfirmUrl)),
            ExpiresInDays = names.Contains(nameof(EmailModel.ExpiresInDays)) ? int.Parse(Sample(nameof(EmailModel.ExpiresInDays)), System.Globalization.CultureInfo.InvariantCulture) : 0,
            Controller = Value(nameof(EmailModel.Controller)),
            PurposeText = Value(nameof(EmailModel.PurposeText)),
            SiteUrl = Value(nameof(EmailModel.SiteUrl)),
            Culture = names.Contains(nameof(EmailModel.Culture)) ? culture : null,
            UnsubscribeUrl = Value(nameof(EmailModel.UnsubscribeUrl)),
            PreferencesUrl = Value(nameof(EmailModel.PreferencesUrl)),
            FormId = names.Contains(nameof(EmailModel.FormId)) ? form?.Id ?? Sample(nameof(EmailModel.FormId)) : null,
            Email = Value(nameof(EmailModel.Email)),
            Fields = fields,
            Values = values,
            Consents = names.Contains(nameof(EmailModel.Consents)) ? [.. form?.Consents.Select(p => p.Id) ?? [Sample(nameof(EmailModel.Consents))]] : [],
            // The purposes of the form the template is sent for, with their configured texts: what a double opt-in email
            // for a submission ticking every box would list.
            Purposes = names.Contains(nameof(EmailModel.Purposes))
                ? [.. form?.Consents.Select(p => EmailPurpose.Of(p, culture, catalog.DefaultCulture)) ?? []]
                : [],
        };
    }

    private static string Sample(string name) =>
        TemplateVariables.AnyEmail.Single(v => v.Name == name).Sample;

    private static string? Recipient(OptinFormsOptions options, string templateId) =>
        options.Rules.SelectMany(r => r.Then)
            .Where(s => string.Equals(s.Args.GetValueOrDefault("Template"), templateId, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Args.GetValueOrDefault("To")).FirstOrDefault(to => !string.IsNullOrWhiteSpace(to));
}
