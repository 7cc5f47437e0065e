using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>
/// Validates <see cref="OptinFormsOptions"/> and compiles it into a <see cref="FormCatalog"/>, listing every problem
/// with its configuration path (CONS-2, CONS-4, CONS-9, CFG-1).
/// </summary>
public static partial class FormCatalogCompiler
{
    private const string Root = OptinFormsOptions.SectionName;

    /// <summary>Compiles <paramref name="options"/>; <paramref name="problems"/> lists everything that is wrong.</summary>
    /// <returns>The catalog, or <see langword="null"/> when there is at least one problem.</returns>
    public static FormCatalog? TryCompile(OptinFormsOptions options, out IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<ConfigurationProblem>(options.ReadProblems);
        var reader = new ConfigurationReader(list);

        var defaultCulture = options.DefaultCulture;
        if (!ConfigurationReader.IsCultureName(defaultCulture))
        {
            reader.Report($"{Root}:DefaultCulture", ConfigurationCodes.Invalid, $"'{defaultCulture}' is not a culture name such as fr or en");
        }

        Uri? baseUrl = null;
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            reader.Report($"{Root}:BaseUrl", ConfigurationCodes.Invalid, $"'{options.BaseUrl}' is not an absolute http or https URL");
            baseUrl = null;
        }

        if (DataProtectionDefinition.FindZone(options.DataProtection.TimeZone) is null)
        {
            reader.Report($"{Root}:DataProtection:TimeZone", ConfigurationCodes.Invalid,
                $"'{options.DataProtection.TimeZone}' is not a time zone of the tz database (an IANA id such as Europe/Paris)");
        }

        var purposes = CompilePurposes(options, reader);
        var forms = CompileForms(options, purposes, reader);
        var pages = CompileLandingPages(options, forms, reader);

        Rules.RuleLocations.Name(list, options.Rules);
        problems = list;
        return list.Count > 0
            ? null
            : new FormCatalog(defaultCulture, baseUrl, options.DataProtection.IpAddress, options.DataProtection.UserAgent,
                purposes, forms, pages) { Source = options, DataProtection = new DataProtectionDefinition(options.DataProtection) };
    }

    /// <summary>Compiles <paramref name="options"/> or throws with every problem listed.</summary>
    /// <exception cref="OptinConfigurationException">The configuration has at least one problem.</exception>
    public static FormCatalog Compile(OptinFormsOptions options) =>
        TryCompile(options, out var problems) ?? throw new OptinConfigurationException(problems);

    private static ImmutableDictionary<string, PurposeDefinition> CompilePurposes(OptinFormsOptions options, ConfigurationReader reader)
    {
        var result = ImmutableDictionary.CreateBuilder<string, PurposeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, purpose) in options.Purposes)
        {
            var path = $"{Root}:Purposes:{id}";
            if (!IdPattern().IsMatch(id))
            {
                reader.Report(path, ConfigurationCodes.Invalid, "a purpose id uses letters, digits, '-' and '_' only, 1 to 64 characters");
                continue;
            }

            var texts = ImmutableDictionary.CreateBuilder<string, PurposeText>(StringComparer.OrdinalIgnoreCase);
            foreach (var (culture, text) in purpose.Texts)
            {
                var textPath = $"{path}:Texts:{culture}";
                if (string.IsNullOrWhiteSpace(text.Consent))
                {
                    reader.Report($"{textPath}:Consent", ConfigurationCodes.Missing, "the consent text shown next to the checkbox is required");
                }

                if (string.IsNullOrWhiteSpace(text.Purpose))
                {
                    reader.Report($"{textPath}:Purpose", ConfigurationCodes.Missing, "the purpose of the processing is required");
                }

                if (!string.IsNullOrWhiteSpace(text.Consent) && !string.IsNullOrWhiteSpace(text.Purpose))
                {
                    texts[culture] = new PurposeText(culture, text.Consent, text.Purpose);
                }
            }

            if (purpose.Texts.Count == 0)
            {
                reader.Report($"{path}:Texts", ConfigurationCodes.Missing, "a purpose needs its consent and purpose texts in at least one culture");
            }

            var controller = Blank(purpose.Controller) ?? Blank(options.DataProtection.Controller);
            var notice = Blank(purpose.PrivacyNoticeUrl) ?? Blank(options.DataProtection.PrivacyNoticeUrl);
            if (purpose.Retention is { } retention && retention <= TimeSpan.Zero)
            {
                reader.Report($"{path}:Retention", ConfigurationCodes.Invalid, "the retention must be longer than zero");
            }

            if (purpose.Marketing)
            {
                if (controller is null)
                {
                    reader.Report($"{path}:Controller", ConfigurationCodes.IncompleteMarketingPurpose,
                        "a marketing purpose needs a controller (here or in OptinForms:DataProtection:Controller)");
                }

                if (notice is null)
                {
                    reader.Report($"{path}:PrivacyNoticeUrl", ConfigurationCodes.IncompleteMarketingPurpose,
                        "a marketing purpose needs a privacy notice (here or in OptinForms:DataProtection:PrivacyNoticeUrl)");
                }

                if (purpose.Retention is null)
                {
                    reader.Report($"{path}:Retention", ConfigurationCodes.IncompleteMarketingPurpose,
                        "a marketing purpose needs a retention, for example 1095.00:00:00 (3 years)");
                }
            }

            result[id] = new PurposeDefinition(id, purpose.Marketing,
                purpose.Retention is { } r ? Duration.FromTimeSpan(r) : null, controller, notice, texts.ToImmutable());
        }

        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, FormDefinition> CompileForms(OptinFormsOptions options,
        ImmutableDictionary<string, PurposeDefinition> purposes, ConfigurationReader reader)
    {
        var result = ImmutableDictionary.CreateBuilder<string, FormDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, form) in options.Forms)
        {
            var path = $"{Root}:Forms:{id}";
            var before = reader.Problems.Count;
            if (!IdPattern().IsMatch(id))
            {
                reader.Report(path, ConfigurationCodes.Invalid, "a form id uses letters, digits, '-' and '_' only, 1 to 64 characters");
            }

            var fields = CompileFields(form, path, purposes, reader);
            var consents = CompileConsents(form, path, purposes, reader);
            if (form.SuccessPage is { } success && !IsLocalPath(success))
            {
                reader.Report($"{path}:SuccessPage", ConfigurationCodes.Invalid,
                    "the success page must be a local path starting with a single '/' (SEC-2)");
            }

            CheckProcessing(options, form, fields, consents, path, reader);
            var steps = CompileSteps(form, fields, consents, path, reader);
            if (reader.Problems.Count > before)
            {
                continue;
            }

            var title = LocalizedText.From(form.Title);
            var processing = CompileProcessing(form.Processing);
            result[id] = new FormDefinition(id, title, fields, consents, form.SuccessPage, form.DoubleOptin, form.ContactKind,
                FormVersion(title, fields, consents, form, processing), processing)
            {
                Challenge = form.Abuse?.Challenge == true,
                Steps = steps,
            };
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<FieldDefinition> CompileFields(FormOptions form, string formPath,
        ImmutableDictionary<string, PurposeDefinition> purposes, ConfigurationReader reader)
    {
        var fields = ImmutableArray.CreateBuilder<FieldDefinition>();
        var formRegion = CompileFormRegion(form, formPath, reader);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < form.Fields.Count; i++)
        {
            var field = form.Fields[i];
            var path = $"{formPath}:Fields:{i}";
            if (string.IsNullOrWhiteSpace(field.Name) || !FieldNamePattern().IsMatch(field.Name))
            {
                reader.Report($"{path}:Name", ConfigurationCodes.Invalid,
                    "a field name starts with a letter and uses letters, digits, '-' and '_' only, up to 64 characters");
                continue;
            }

            if (field.Name.StartsWith("consent", StringComparison.OrdinalIgnoreCase) || field.Name.StartsWith("__", StringComparison.Ordinal))
            {
                reader.Report($"{path}:Name", ConfigurationCodes.Invalid,
                    $"'{field.Name}' is reserved: consent checkboxes are declared under Consents, not as fields");
                continue;
            }

            if (!names.Add(field.Name))
            {
                reader.Report($"{path}:Name", ConfigurationCodes.Duplicate, $"the field '{field.Name}' is declared twice");
                continue;
            }

            CheckConsentLookalike(field, purposes, path, reader);

            var max = field.MaxLength ?? FieldDefinition.DefaultMaxLength(field.Kind);
            if (max is < 1 or > 100_000)
            {
                reader.Report($"{path}:MaxLength", ConfigurationCodes.Invalid, "the maximum length must be between 1 and 100000");
            }

            Regex? pattern = null;
            if (!string.IsNullOrEmpty(field.Pattern))
            {
                try
                {
                    pattern = new Regex($"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException ex)
                {
                    reader.Report($"{path}:Pattern", ConfigurationCodes.Invalid, $"not a valid regular expression: {ex.Message}");
                }
            }

            var choices = ImmutableArray.CreateBuilder<FieldChoice>();
            for (var c = 0; c < field.Options.Count; c++)
            {
                if (string.IsNullOrEmpty(field.Options[c].Value))
                {
                    reader.Report($"{path}:Options:{c}:Value", ConfigurationCodes.Missing, "a choice needs a value");
                    continue;
                }

                choices.Add(new FieldChoice(field.Options[c].Value!, LocalizedText.From(field.Options[c].Label)));
            }

            if (IsChoiceKind(field.Kind) && choices.Count == 0)
            {
                reader.Report($"{path}:Options", ConfigurationCodes.Missing,
                    field.Kind == FieldKind.Select ? "a select field needs at least one choice" : $"a {field.Kind} field needs at least one choice");
            }

            var kind = CompileKind(field, choices, formRegion, path, reader);
            var label = field.Label.Count > 0 ? LocalizedText.From(field.Label) : LocalizedText.From([new(LocalizedText.AnyCulture, field.Name)]);
            fields.Add(new FieldDefinition(field.Name, field.Kind, field.Required, max, pattern, label, choices.ToImmutable(), field.Value)
            {
                Min = kind.Min,
                Max = kind.Max,
                NumberMin = kind.NumberMin,
                NumberMax = kind.NumberMax,
                DateMin = kind.DateMin,
                DateMax = kind.DateMax,
                MaxChoices = kind.MaxChoices,
                DefaultRegion = kind.DefaultRegion,
                ShowWhen = CompileCondition(field, path, reader),
            });
        }

        CheckConditions(form, formPath, reader);

        var emails = fields.Count(f => f.Kind == FieldKind.Email);
        if (emails != 1)
        {
            reader.Report($"{formPath}:Fields", emails == 0 ? ConfigurationCodes.Missing : ConfigurationCodes.Duplicate,
                $"a form needs exactly one field of kind Email, which identifies the contact; found {emails}");
        }

        return fields.ToImmutable();
    }

    private static ImmutableArray<PurposeDefinition> CompileConsents(FormOptions form, string formPath,
        ImmutableDictionary<string, PurposeDefinition> purposes, ConfigurationReader reader)
    {
        var consents = ImmutableArray.CreateBuilder<PurposeDefinition>();
        for (var i = 0; i < form.Consents.Count; i++)
        {
            var consent = form.Consents[i];
            var path = $"{formPath}:Consents:{i}";
            if (consent.Checked)
            {
                reader.Report(path, ConfigurationCodes.PreCheckedConsent, "a consent checkbox cannot be checked by default");
            }

            var ids = new List<string>();
            if (!string.IsNullOrWhiteSpace(consent.Purpose))
            {
                ids.Add(consent.Purpose);
            }

            ids.AddRange(consent.Purposes?.Where(p => !string.IsNullOrWhiteSpace(p)) ?? []);
            ids = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count > 1)
            {
                reader.Report(path, ConfigurationCodes.SeveralPurposes,
                    $"one consent checkbox is bound to several purposes ({string.Join(", ", ids)}); declare one checkbox per purpose");
                continue;
            }

            if (ids.Count == 0)
            {
                reader.Report(path, ConfigurationCodes.Missing, "a consent checkbox needs the purpose it stands for");
                continue;
            }

            if (!purposes.TryGetValue(ids[0], out var purpose))
            {
                reader.Report(path, ConfigurationCodes.DanglingReference,
                    $"the purpose '{ids[0]}' is not declared under {Root}:Purposes");
                continue;
            }

            if (consents.Contains(purpose))
            {
                reader.Report(path, ConfigurationCodes.Duplicate, $"the purpose '{purpose.Id}' already has a checkbox on this form");
                continue;
            }

            if (purpose.Marketing && !form.DoubleOptin)
            {
                // The post would opt the address in at once, and anyone can post any address: marketing mail would then go
                // to an address nobody confirmed.
                reader.Report($"{formPath}:DoubleOptin", ConfigurationCodes.MarketingWithoutDoubleOptin,
                    $"the purpose '{purpose.Id}' is marketing, so its consent waits for a double opt-in confirmation (DOI-1); remove "
                    + "'DoubleOptin: false' from this form, or ask for this purpose on a form with double opt-in");
                continue;
            }

            consents.Add(purpose);
        }

        return consents.ToImmutable();
    }

    private static ImmutableDictionary<string, LandingPageDefinition> CompileLandingPages(OptinFormsOptions options,
        ImmutableDictionary<string, FormDefinition> forms, ConfigurationReader reader)
    {
        var result = ImmutableDictionary.CreateBuilder<string, LandingPageDefinition>(StringComparer.OrdinalIgnoreCase);
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (slug, page) in options.LandingPages)
        {
            var path = $"{Root}:LandingPages:{slug}";
            var pagePath = page.Path ?? "/" + slug;
            var ok = true;
            if (!IsLocalPath(pagePath))
            {
                reader.Report($"{path}:Path", ConfigurationCodes.Invalid, "the path must be local and start with a single '/'");
                ok = false;
            }
            else if (!paths.Add(pagePath.TrimEnd('/')))
            {
                reader.Report($"{path}:Path", ConfigurationCodes.Duplicate, $"another landing page is already served at '{pagePath}'");
                ok = false;
            }

            FormDefinition? form = null;
            if (string.IsNullOrWhiteSpace(page.Form))
            {
                reader.Report($"{path}:Form", ConfigurationCodes.Missing, "a landing page needs the id of the form it holds");
                ok = false;
            }
            else if (!forms.TryGetValue(page.Form, out form))
            {
                if (!options.Forms.ContainsKey(page.Form))
                {
                    reader.Report($"{path}:Form", ConfigurationCodes.DanglingReference, $"the form '{page.Form}' is not declared under {Root}:Forms");
                }

                ok = false;
            }

            var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Blank(page.Template) is { } templateId)
            {
                ok &= CheckPageTemplate(options, templateId, page.Layout, $"{path}:Template", reader, sources);
            }
            else if (page.Layout == LandingLayout.None)
            {
                reader.Report($"{path}:Layout", ConfigurationCodes.Missing, "a full page (Layout: None) is written by its Template: name a template "
                    + $"under {Root}:Templates, or remove Layout for the default layout");
                ok = false;
            }

            var variants = CompileVariants(options, page, form, LocalizedText.From(sources), forms, path, reader, ref ok);
            if (ok)
            {
                result[slug] = new LandingPageDefinition(slug, pagePath, LocalizedText.From(page.Title), Blank(page.Template), form!)
                {
                    TemplateHtml = LocalizedText.From(sources),
                    Layout = page.Layout,
                    TemplateRoot = sources.Count > 0 ? Templates.EmailTemplateCompiler.Files(options)?.Root : null,
                    Variants = variants,
                };
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// A page's A/B variants: a plain id, a weight from 0 to <see cref="LandingPageVariant.MaxWeight"/> (at least one
    /// above 0), a template that exists and parses, a form that is declared; every problem is listed.
    /// </summary>
    private static ImmutableArray<LandingPageVariant> CompileVariants(OptinFormsOptions options, LandingPageOptions page,
        FormDefinition? pageForm, LocalizedText pageHtml, ImmutableDictionary<string, FormDefinition> forms, string path, ConfigurationReader reader, ref bool ok)
    {
        if (page.Variants.Count == 0)
        {
            return [];
        }

        var variants = ImmutableArray.CreateBuilder<LandingPageVariant>();
        var total = 0;
        foreach (var (id, variant) in page.Variants)
        {
            var at = $"{path}:Variants:{id}";
            var good = true;
            if (!VariantIdPattern().IsMatch(id))
            {
                reader.Report(at, ConfigurationCodes.Invalid,
                    $"a variant id uses letters, digits, '-' and '_' only, up to {LandingPageVariant.MaxIdLength} characters");
                good = false;
            }

            if (variant.Weight is null)
            {
                reader.Report($"{at}:Weight", ConfigurationCodes.Missing, "a variant needs a Weight (for example 50; 0 pauses it)");
                good = false;
            }
            else if (variant.Weight is < 0 or > LandingPageVariant.MaxWeight)
            {
                reader.Report($"{at}:Weight", ConfigurationCodes.Invalid,
                    $"the weight {variant.Weight} is not allowed: use a whole number from 0 (paused) to {LandingPageVariant.MaxWeight}");
                good = false;
            }
            else
            {
                total += variant.Weight.Value;
            }

            var form = pageForm;
            if (Blank(variant.Form) is { } formId && !forms.TryGetValue(formId, out form))
            {
                if (!options.Forms.ContainsKey(formId))
                {
                    reader.Report($"{at}:Form", ConfigurationCodes.DanglingReference,
                        $"the form '{formId}' is not declared under {Root}:Forms{Templates.ClosestName.Hint(formId, options.Forms.Keys)}");
                }

                good = false;
            }

            var template = Blank(variant.Template) ?? Blank(page.Template);
            var variantSources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Blank(variant.Template) is { } templateId)
            {
                good &= CheckPageTemplate(options, templateId, page.Layout, $"{at}:Template", reader, variantSources);
            }

            if (good && form is not null)
            {
                variants.Add(new LandingPageVariant(id, variant.Weight!.Value, template, form)
                {
                    TemplateHtml = Blank(variant.Template) is null ? pageHtml : LocalizedText.From(variantSources),
                });
            }

            ok &= good;
        }

        if (total == 0 && ok)
        {
            reader.Report($"{path}:Variants", ConfigurationCodes.Invalid, "every variant has the weight 0: give at least one a weight above 0");
            ok = false;
        }

        return variants.ToImmutable();
    }

    /// <summary>
    /// A landing page's template must exist and its HTML (inline, or a file under the template root) must parse, in every
    /// culture it is written in, with the files it includes; a full page must show the form and its assets.
    /// </summary>
    private static bool CheckPageTemplate(OptinFormsOptions options, string templateId, LandingLayout layout, string path,
        ConfigurationReader reader, Dictionary<string, string> sources)
    {
        if (!options.Templates.TryGetValue(templateId, out var template))
        {
            reader.Report(path, ConfigurationCodes.DanglingReference,
                $"the template '{templateId}' is not declared under {Root}:Templates{Templates.ClosestName.Hint(templateId, options.Templates.Keys)}");
            return false;
        }

        var ok = true;
        if (template.Html.Count == 0 && template.HtmlFile.Count == 0)
        {
            reader.Report($"{Root}:Templates:{templateId}:Html", ConfigurationCodes.Missing, "a landing page template needs its Html (or its HtmlFile)");
            ok = false;
        }

        var files = Templates.EmailTemplateCompiler.Files(options);
        foreach (var culture in template.Html.Keys.Concat(template.HtmlFile.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var inline = template.Html.TryGetValue(culture, out var text);
            var where = $"{Root}:Templates:{templateId}:{(inline ? "Html" : "HtmlFile")}{(culture == LocalizedText.AnyCulture ? "" : ":" + culture)}";
            if (!inline)
            {
                var read = new List<ConfigurationProblem>();
                text = Templates.TemplateFiles.Read(options.TemplateRoot, template.HtmlFile[culture], where, read);
                read.ForEach(p => reader.Report(p.Path, p.Code, p.Message));
                if (text is null)
                {
                    ok = false;
                    continue;
                }
            }

            if (!Templates.FluidEngine.Parser.TryParse(text, out var parsed, out var error))
            {
                reader.Report(where, ConfigurationCodes.Invalid, $"the Liquid template does not parse: {error}");
                ok = false;
                continue;
            }

            var references = Templates.TemplateReferences.Of(parsed, files);
            foreach (var problem in references.IncludeProblems.Distinct(StringComparer.Ordinal)
                .Concat(Templates.TemplateVariableCheck.LandingPageProblems(references)))
            {
                reader.Report(where, ConfigurationCodes.DanglingReference, problem);
                ok = false;
            }

            if (layout == LandingLayout.None)
            {
                foreach (var (name, what) in new[] { ("form", "where the form goes, or the page has no form and no consent box"),
                    ("assets", "in its <head>: the form's stylesheet and scripts, served from this site") })
                {
                    if (!references.Reads(name))
                    {
                        reader.Report(where, ConfigurationCodes.Missing, $"a full page (Layout: None) shows {{{{ {name} }}}} {what}; "
                            + $"this one does not (it is the template of {path[..path.LastIndexOf(':')]})");
                        ok = false;
                    }
                }
            }

            sources[culture] = text!;
        }

        return ok;
    }

    private static string FormVersion(LocalizedText title, ImmutableArray<FieldDefinition> fields,
        ImmutableArray<PurposeDefinition> consents, FormOptions form, ProcessingDefinition? processing)
    {
        var canonical = new StringBuilder();
        foreach (var culture in title.Cultures.Order(StringComparer.Ordinal))
        {
            canonical.Append("title|").Append(culture).Append('|').Append(title.Get(culture)).Append('\n');
        }

        foreach (var f in fields)
        {
            canonical.Append("field|").Append(f.Name).Append('|').Append(f.Kind).Append('|').Append(f.Required)
                .Append('|').Append(f.MaxLength).Append('|').Append(f.Pattern).Append('|')
                .AppendJoin(',', f.Choices.Select(c => c.Value)).Append('|');
            AppendKindVersion(canonical, f);
            AppendConditionVersion(canonical, f);
            foreach (var culture in f.Label.Cultures.Order(StringComparer.Ordinal))
            {
                canonical.Append(culture).Append('=').Append(f.Label.Get(culture)).Append(';');
            }

            canonical.Append('\n');
        }

        foreach (var p in consents)
        {
            canonical.Append("consent|").Append(p.Id).Append('|').Append(p.Controller).Append('|').Append(p.PrivacyNotice).Append('|')
                .AppendJoin(',', p.Texts.Values.OrderBy(t => t.Culture, StringComparer.Ordinal).Select(t => t.Culture + "=" + t.Version))
                .Append('\n');
        }

        canonical.Append("doi|").Append(form.DoubleOptin).Append("|kind|").Append(form.ContactKind);
        if (processing is not null)
        {
            // Appended only when declared, so that the version of a form without one does not change.
            canonical.Append("\nprocessing|").Append(processing.LegalBasis).Append('|').Append(processing.Retention?.BclCompatibleTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, text) in new[] { ("purpose", processing.Purpose), ("interest", processing.LegitimateInterest),
                         ("recipients", processing.Recipients), ("subjects", processing.DataSubjects) })
            {
                canonical.Append('|').Append(name);
                foreach (var culture in text.Cultures.Order(StringComparer.Ordinal))
                {
                    canonical.Append(';').Append(culture).Append('=').Append(text.Get(culture));
                }
            }
        }
        AppendStepsVersion(canonical, form.Steps);
        return Hashing.Sha256Hex(canonical.ToString())[..16];
    }

    private static ProcessingDefinition? CompileProcessing(ProcessingOptions? options) =>
        options is null
            ? null
            : new ProcessingDefinition(LocalizedText.From(options.Purpose), options.LegalBasis ?? LegalBasis.Contract,
                LocalizedText.From(options.LegitimateInterest), LocalizedText.From(options.Recipients),
                options.Retention is { } r ? Duration.FromTimeSpan(r) : null, LocalizedText.From(options.DataSubjects));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A local path: one leading '/', no '//' or '/\' prefix, no scheme, no control characters (SEC-2).</summary>
    internal static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl)
        && !path.Contains('\\', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex FieldNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex VariantIdPattern();
}
