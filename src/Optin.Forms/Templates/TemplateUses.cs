using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// How each template is sent, read from the rules: by <c>SendDoubleOptinEmail</c> (double opt-in), by <c>SendEmail</c>
/// with <c>To</c> (notification) or without (to the contact), and for which forms: those of the rule's <c>Forms</c>, else
/// of its <c>FormIs</c> condition, else every form.
/// </summary>
/// <remarks>
/// Events after a submission (confirmation, expiry, reminders) carry the submission's form and values, so their
/// templates see the same fields. <c>SetField</c> adds names to the contact's fields, so they count too.
/// </remarks>
internal static class TemplateUses
{
    private const string SendEmail = "SendEmail";
    private const string SetField = "SetField";

    public static Dictionary<string, List<TemplateUse>> Of(OptinFormsOptions options)
    {
        var uses = new Dictionary<string, List<TemplateUse>>(StringComparer.OrdinalIgnoreCase);
        var setFields = options.Rules.SelectMany(r => r.Then)
            .Where(s => string.Equals(s.Action, SetField, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Args.GetValueOrDefault("Field")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var rule in options.Rules)
        {
            foreach (var step in rule.Then)
            {
                var template = step.Args.GetValueOrDefault("Template");
                TemplateKind? kind = step.Action switch
                {
                    _ when string.Equals(step.Action, DoubleOptinRequestService.Action, StringComparison.OrdinalIgnoreCase) => TemplateKind.DoubleOptin,
                    _ when string.Equals(step.Action, SendEmail, StringComparison.OrdinalIgnoreCase)
                        => string.IsNullOrWhiteSpace(step.Args.GetValueOrDefault("To")) ? TemplateKind.Marketing : TemplateKind.Notification,
                    _ => null,
                };
                if (kind is { } k && (template ?? (k == TemplateKind.DoubleOptin ? EmailTemplateCompiler.DoubleOptinTemplate : null)) is { } id)
                {
                    Add(uses, id, Use(options, k, $"rule '{rule.Name}'", FormsOf(rule, options), setFields));
                }
            }
        }

        if (DefaultDoubleOptinRules.Uncovered(options).Any())
        {
            Add(uses, EmailTemplateCompiler.DoubleOptinTemplate, Use(options, TemplateKind.DoubleOptin, "the built-in double opt-in rule", [], setFields));
        }

        return uses;
    }

    /// <summary>An email template no rule sends: it may use any variable of an email and any field of any form.</summary>
    public static TemplateUse Unsent(OptinFormsOptions options) =>
        Use(options, null, "no rule", [.. options.Forms.Keys.Order(StringComparer.Ordinal)], new HashSet<string>(StringComparer.Ordinal));

    private static TemplateUse Use(OptinFormsOptions options, TemplateKind? kind, string sender, IReadOnlyList<string> forms, HashSet<string> setFields)
    {
        var fields = forms.SelectMany(f => options.Forms[f].Fields).Where(f => f.Name is not null).ToList();
        var names = fields.Where(f => f.Kind != FieldKind.Email).Select(f => f.Name!).Concat(setFields).ToHashSet(StringComparer.Ordinal);
        var emails = fields.Where(f => f.Kind == FieldKind.Email).Select(f => f.Name!).ToHashSet(StringComparer.Ordinal);
        return new TemplateUse(kind, sender, forms, names, emails);
    }

    private static List<string> FormsOf(RuleOptions rule, OptinFormsOptions options)
    {
        IEnumerable<string> forms = rule.Forms.Count > 0 ? rule.Forms : FormIs(rule.If) is { } form ? [form] : options.Forms.Keys;
        return [.. forms.Where(options.Forms.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    private static string? FormIs(RuleConditionOptions? condition) =>
        condition is null ? null : condition.FormIs ?? condition.All.Select(FormIs).FirstOrDefault(f => f is not null);

    private static void Add(Dictionary<string, List<TemplateUse>> uses, string id, TemplateUse use)
    {
        if (!uses.TryGetValue(id, out var list))
        {
            uses[id] = list = [];
        }

        list.Add(use);
    }
}
