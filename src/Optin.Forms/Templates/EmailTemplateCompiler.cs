using System.Collections.Immutable;
using System.Reflection;
using Fluid;
using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// Parses every email template at start: those in configuration (inline or files under the template root, CFG-2) and
/// the embedded French and English defaults; lists every problem with its path.
/// </summary>
internal static class EmailTemplateCompiler
{
    public const string DoubleOptinTemplate = "double-optin";
    private const string Root = OptinFormsOptions.SectionName + ":Templates";
    private static readonly string[] DefaultIds = [DoubleOptinTemplate, "welcome", "owner-notification"];
    private static readonly string[] DefaultCultures = ["fr", "en"];

    /// <summary>The embedded defaults that are direct marketing; an owner's template of that id inherits the flag (WD-1).</summary>
    private static readonly string[] MarketingDefaultIds = ["welcome"];

    public static EmailTemplateSet Compile(OptinFormsOptions options, List<ConfigurationProblem> problems)
    {
        var set = new Dictionary<string, ImmutableDictionary<string, EmailTemplate>>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in DefaultIds)
        {
            set[id] = DefaultCultures.ToImmutableDictionary(c => c, c => Parse(id, c, IsMarketingDefault(id),
                Embedded(id, c, "subject"), Embedded(id, c, "html"), Embedded(id, c, "text"), $"{Root}:{id}", problems)!,
                StringComparer.OrdinalIgnoreCase);
        }

        var files = Files(options);
        var pageTemplates = options.LandingPages.Values.SelectMany(p => p.Variants.Values.Select(v => v.Template).Prepend(p.Template))
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, template) in options.Templates)
        {
            if (pageTemplates.Contains(id))
            {
                // A landing page's body: HTML only, checked with the landing pages (FormCatalogCompiler), never mailed.
                continue;
            }

            var byCulture = ImmutableDictionary.CreateBuilder<string, EmailTemplate>(StringComparer.OrdinalIgnoreCase);
            var cultures = template.Subject.Keys.Concat(template.Html.Keys).Concat(template.Text.Keys)
                .Concat(template.HtmlFile.Keys).Concat(template.TextFile.Keys).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var culture in cultures)
            {
                var path = $"{Root}:{id}";
                var subject = Part(template.Subject, null, culture, $"{path}:Subject", options.TemplateRoot, problems);
                var html = Part(template.Html, template.HtmlFile, culture, $"{path}:Html", options.TemplateRoot, problems);
                var text = Part(template.Text, template.TextFile, culture, $"{path}:Text", options.TemplateRoot, problems);
                if (subject is not null && html is not null && text is not null
                    && Parse(id, culture, template.Marketing ?? IsMarketingDefault(id), subject, html, text, path, problems, files) is { } parsed)
                {
                    byCulture[culture] = parsed;
                }
            }

            set[id] = byCulture.ToImmutable();
        }

        foreach (var (id, byCulture) in set)
        {
            foreach (var template in byCulture.Values.Where(t => t.Marketing))
            {
                var (html, included) = SourceAndIncludes(options, id, template.Culture, "Html");
                if (!TemplateLint.HasUnsubscribeLink(html, included))
                {
                    problems.Add(new($"{Root}:{id}:Html", ConfigurationCodes.Invalid,
                        $"a marketing email shows a visible unsubscribe link ({{{{ UnsubscribeUrl }}}}) in every culture; '{template.Culture}' does not (WD-1)"));
                }
            }
        }

        return new EmailTemplateSet(set.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), options.DefaultCulture)
        {
            Files = Files(options),
        };
    }

    /// <summary>What <c>{% include %}</c> reads: files under the template root only (CFG-2).</summary>
    public static TemplateRootFileProvider? Files(OptinFormsOptions options) =>
        string.IsNullOrWhiteSpace(options.TemplateRoot) ? null : new TemplateRootFileProvider(options.TemplateRoot);

    /// <summary>Whether <paramref name="id"/> names an embedded default that is direct marketing.</summary>
    public static bool IsMarketingDefault(string id) => MarketingDefaultIds.Contains(id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks that template <paramref name="id"/> is fit for a confirmation email (DOI-6).</summary>
    public static void LintNeutral(OptinFormsOptions options, string id, string path, List<ConfigurationProblem> problems)
    {
        var files = Files(options);
        foreach (var culture in Cultures(options, id))
        {
            foreach (var part in new[] { "Subject", "Html", "Text" })
            {
                var source = Source(options, id, culture, part);
                foreach (var problem in TemplateLint.NeutralProblems(source, ReferencesOf(source, files)).Distinct())
                {
                    problems.Add(new($"{path}:{part}", ConfigurationCodes.Invalid, problem + " (DOI-6)"));
                }
            }
        }
    }

    /// <summary>Checks that template <paramref name="id"/>, sent for the marketing purpose <paramref name="purpose"/>, shows an unsubscribe link (WD-1).</summary>
    public static void LintUnsubscribeLink(OptinFormsOptions options, string id, string path, string purpose, List<ConfigurationProblem> problems)
    {
        foreach (var culture in Cultures(options, id))
        {
            var (html, included) = SourceAndIncludes(options, id, culture, "Html");
            if (!TemplateLint.HasUnsubscribeLink(html, included))
            {
                problems.Add(new(path, ConfigurationCodes.Invalid,
                    $"'{id}' is sent for the marketing purpose '{purpose}', so it is marketing mail and shows a visible unsubscribe link ({{{{ UnsubscribeUrl }}}}) in every culture; '{culture}' does not (WD-1)"));
                return;
            }
        }
    }

    private static IEnumerable<string> Cultures(OptinFormsOptions options, string id) =>
        options.Templates.TryGetValue(id, out var t)
            ? t.Subject.Keys.Concat(t.Html.Keys).Concat(t.Text.Keys).Concat(t.HtmlFile.Keys).Concat(t.TextFile.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
            : DefaultIds.Contains(id, StringComparer.OrdinalIgnoreCase) ? DefaultCultures : [];

    /// <summary>
    /// A part's source and the files it includes through the template root (none without one, or when it does not parse:
    /// that is reported where the template is compiled), for the checks that must see what is sent (DOI-6, WD-1).
    /// </summary>
    private static (string Source, IReadOnlyList<(string File, string Text)> Included) SourceAndIncludes(OptinFormsOptions options,
        string id, string culture, string part)
    {
        var source = Source(options, id, culture, part);
        return Files(options) is { } files && ReferencesOf(source, files) is { } references ? (source, references.IncludedFiles) : (source, []);
    }

    /// <summary>
    /// What a part reads, with the files it includes from <paramref name="files"/> walked in (none without it); null when it
    /// does not parse: that is reported where the template is compiled.
    /// </summary>
    private static TemplateReferences? ReferencesOf(string source, TemplateRootFileProvider? files) =>
        FluidEngine.Parser.TryParse(source, out var parsed, out _) ? TemplateReferences.Of(parsed, files) : null;

    private static string Source(OptinFormsOptions options, string id, string culture, string part)
    {
        if (options.Templates.TryGetValue(id, out var t))
        {
            var inline = part switch { "Subject" => t.Subject, "Html" => t.Html, _ => t.Text };
            var file = part switch { "Html" => t.HtmlFile, "Text" => t.TextFile, _ => null };
            return Part(inline, file, culture, string.Empty, options.TemplateRoot, problems: null) ?? string.Empty;
        }

        return DefaultIds.Contains(id, StringComparer.OrdinalIgnoreCase) ? Embedded(id, culture, part.ToLowerInvariant()) : string.Empty;
    }

    private static string? Part(Dictionary<string, string> inline, Dictionary<string, string>? files, string culture, string path,
        string root, List<ConfigurationProblem>? problems)
    {
        if (inline.TryGetValue(culture, out var source) || inline.TryGetValue(LocalizedText.AnyCulture, out source))
        {
            return source;
        }

        if (files is not null && (files.TryGetValue(culture, out var file) || files.TryGetValue(LocalizedText.AnyCulture, out file)))
        {
            return TemplateFiles.Read(root, file, $"{path}File:{culture}", problems);
        }

        problems?.Add(new($"{path}:{culture}", ConfigurationCodes.Missing, $"the template has no {path.Split(':')[^1]} in '{culture}'"));
        return null;
    }

    private static EmailTemplate? Parse(string id, string culture, bool marketing, string subject, string html, string text, string path,
        List<ConfigurationProblem> problems, TemplateRootFileProvider? files = null)
    {
        var parsed = new IFluidTemplate?[3];
        var sources = new[] { subject, html, text };
        var names = new[] { "Subject", "Html", "Text" };
        for (var i = 0; i < 3; i++)
        {
            if (!FluidEngine.Parser.TryParse(sources[i], out parsed[i], out var error))
            {
                problems.Add(new($"{path}:{names[i]}:{culture}", ConfigurationCodes.Invalid, $"the Liquid does not parse: {error}"));
            }
        }

        if (parsed.Any(p => p is null))
        {
            return null;
        }

        // The files a part includes are part of what was sent: their text follows the parts, each after U+001E (EVD-1).
        var joined = string.Join("\u001f", sources);
        if (files is not null)
        {
            foreach (var (file, included) in parsed.SelectMany(p => TemplateReferences.Of(p!, files).IncludedFiles).Distinct())
            {
                joined += "\u001e" + file + "\u001f" + included;
            }
        }

        return new EmailTemplate(id, culture, marketing, parsed[0]!, parsed[1]!, parsed[2]!, Hashing.Sha256Hex(joined))
        {
            Sources = joined,
        };
    }

    private static string Embedded(string id, string culture, string part)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Optin.Forms.Templates.{id}.{culture}.{part}.liquid")
            ?? throw new InvalidOperationException($"The embedded template {id}.{culture}.{part} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
