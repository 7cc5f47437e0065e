using Fluid;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// Refuses at start what would print nothing: a variable the template's model does not have (<c>{{ FirstName }}</c>,
/// <c>{{ Contact.company }}</c>), a field the forms it is sent for do not have (<c>{{ Fields.jobtitle }}</c>), an
/// unknown filter, and a double opt-in email without its link (AUTH-1). Every subject, HTML and text, in every culture,
/// inline or from a file; each problem with its path and, when one is close, the name meant.
/// </summary>
internal static class TemplateVariableCheck
{
    private const string Root = OptinFormsOptions.SectionName + ":Templates";
    private const string Ref = " (AUTH-1)";

    /// <summary>Every filter Liquid knows here (Fluid's defaults; the engine adds none).</summary>
    public static IReadOnlySet<string> FilterNames { get; } = new TemplateOptions().Filters.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    public static void Check(OptinFormsOptions options, EmailTemplateSet templates, List<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uses = TemplateUses.Of(options);
        foreach (var template in templates.All)
        {
            var embedded = !options.Templates.ContainsKey(template.Id);
            var ways = uses.TryGetValue(template.Id, out var found) ? found : [TemplateUses.Unsent(options)];
            foreach (var (part, parsed) in new[] { ("Subject", template.Subject), ("Html", template.Html), ("Text", template.Text) })
            {
                var references = TemplateReferences.Of(parsed, embedded ? null : templates.Files);
                var (path, where) = PartPath(options, template.Id, template.Culture, part);
                foreach (var problem in references.IncludeProblems.Distinct(StringComparer.Ordinal))
                {
                    problems.Add(new(path, ConfigurationCodes.Invalid, where + problem));
                }

                var each = ways.SelectMany(use => Problems(references, embedded ? use with { FieldNames = null } : use, part, template.Culture));
                foreach (var (code, message) in each.Distinct())
                {
                    problems.Add(new(path, code, where + message));
                }
            }
        }
    }

    /// <summary>The problems of a landing page's HTML: it sees only the landing page's variables.</summary>
    public static IEnumerable<string> LandingPageProblems(IFluidTemplate template) => LandingPageProblems(TemplateReferences.Of(template));

    /// <summary>The problems of a landing page's HTML read with the files it includes (<see cref="TemplateReferences.IncludeProblems"/> apart).</summary>
    public static IEnumerable<string> LandingPageProblems(TemplateReferences references) =>
        Problems(references, new TemplateUse(TemplateKind.LandingPage, "a landing page", [], null,
            new HashSet<string>()), "Html", culture: null).Select(p => p.Message).Distinct(StringComparer.Ordinal);

    /// <summary>The problems of <paramref name="template"/> sent as <paramref name="kind"/> for forms with <paramref name="fieldNames"/> (the reference's examples).</summary>
    public static IEnumerable<string> ProblemsOf(IFluidTemplate template, TemplateKind kind, IReadOnlySet<string> fieldNames, string part = "Html") =>
        Problems(TemplateReferences.Of(template), new TemplateUse(kind, "the example", ["example"], fieldNames, new HashSet<string>()), part, "fr")
            .Select(p => p.Message);

    private static IEnumerable<(string Code, string Message)> Problems(TemplateReferences references, TemplateUse use, string part, string? culture)
    {
        foreach (var filter in references.Filters.Distinct(StringComparer.Ordinal).Where(f => !FilterNames.Contains(f)))
        {
            yield return (ConfigurationCodes.DanglingReference, $"'{filter}' is not a Liquid filter" + Hint(ClosestName.Find(filter, FilterNames)) + Ref);
        }

        if (use.Kind == TemplateKind.DoubleOptin && part != "Subject" && !references.Reads(nameof(EmailModel.ConfirmUrl)))
        {
            yield return (ConfigurationCodes.Missing, $"a double opt-in email must show its confirmation link {Liquid(nameof(EmailModel.ConfirmUrl))} in its Html and in its Text, "
                + $"or nobody can confirm; the {part} in '{culture}' does not ({use.Sender} sends this template with SendDoubleOptinEmail)" + Ref);
        }

        // A double opt-in email's names are already held to the neutral ones, with their own message (DOI-6).
        if (use.Kind == TemplateKind.DoubleOptin)
        {
            yield break;
        }

        var variables = (use.Kind is { } kind ? TemplateVariables.Of(kind) : TemplateVariables.AnyEmail).Select(v => v.Name).ToList();
        foreach (var (root, member) in references.Variables.Select(v => (v.Root, v.Member)).Distinct().Where(v => !references.Locals.Contains(v.Root)))
        {
            var written = Liquid(member is null ? root : $"{root}.{member}");
            if (!variables.Contains(root, StringComparer.Ordinal))
            {
                var meant = ClosestName.Find(root, variables)
                    ?? (use.FieldNames is not null && ClosestName.Find(member ?? root, use.FieldNames) is { } field ? $"{nameof(EmailModel.Fields)}.{field}" : null);
                yield return (ConfigurationCodes.DanglingReference, $"{written} is not a variable of {KindName(use)}, so it would print nothing; its variables are "
                    + string.Join(", ", variables.Order(StringComparer.Ordinal)) + Hint(meant) + Ref);
            }
            else if (TemplateVariables.IsFieldMap(root) && member is not null && member != "size" && use.FieldNames is not null
                && !use.FieldNames.Contains(member))
            {
                var meant = use.EmailFields.Contains(member) ? nameof(EmailModel.Email)
                    : ClosestName.Find(member, use.FieldNames) is { } field ? $"{root}.{field}" : null;
                var forms = use.Forms.Count == 1 ? $"the form '{use.Forms[0]}'" : $"the forms {string.Join(", ", use.Forms.Select(f => $"'{f}'"))}";
                var fields = use.FieldNames.Count == 0 ? "it has no field but the email address ({{ Email }})"
                    : $"{(use.Forms.Count == 1 ? "its" : "their")} fields are {string.Join(", ", use.FieldNames.Order(StringComparer.Ordinal))}";
                var sent = use.Kind is null ? "no rule sends this template yet, so every form counts"
                    : $"{use.Sender} sends this template for {(use.Forms.Count == 1 ? "it" : "them")}";
                yield return (ConfigurationCodes.DanglingReference, $"{written} is not a field of {forms} ({sent}), so it would print nothing; {fields}" + Hint(meant) + Ref);
            }
            else if (!TemplateVariables.IsFieldMap(root) && member is not null and not ("size" or "first" or "last")
                && use.Kind != TemplateKind.LandingPage)
            {
                yield return (ConfigurationCodes.DanglingReference, $"{written} would print nothing: {root} is a single value, write {Liquid(root)}" + Ref);
            }
        }
    }

    private static string KindName(TemplateUse use) => use.Kind switch
    {
        TemplateKind.Marketing => $"an email to the contact ({use.Sender} sends this template without To)",
        TemplateKind.Notification => $"a notification email ({use.Sender} sends this template with To)",
        TemplateKind.LandingPage => "a landing page",
        _ => "an email",
    };

    private static string Hint(string? meant) => meant is null ? "" : $". Did you mean {Liquid(meant)}?";

    private static string Liquid(string name) => "{{ " + name + " }}";

    /// <summary>Where a part is written: its configuration path, and the file it comes from when it is one.</summary>
    private static (string Path, string Where) PartPath(OptinFormsOptions options, string id, string culture, string part)
    {
        if (!options.Templates.TryGetValue(id, out var t))
        {
            return ($"{Root}:{id}:{part}:{culture}", "in the embedded default: ");
        }

        var inline = part switch { "Subject" => t.Subject, "Html" => t.Html, _ => t.Text };
        if (inline.ContainsKey(culture))
        {
            return ($"{Root}:{id}:{part}:{culture}", "");
        }

        if (inline.ContainsKey(LocalizedText.AnyCulture))
        {
            return ($"{Root}:{id}:{part}", "");
        }

        var files = part == "Html" ? t.HtmlFile : t.TextFile;
        foreach (var key in new[] { culture, LocalizedText.AnyCulture })
        {
            if (files.TryGetValue(key, out var file))
            {
                return (key == culture ? $"{Root}:{id}:{part}File:{culture}" : $"{Root}:{id}:{part}File", $"in the file '{file}': ");
            }
        }

        return ($"{Root}:{id}:{part}:{culture}", "");
    }
}
