using System.Text.RegularExpressions;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>Turns typed condition options into a predicate, reporting unknown names and bad values with their paths.</summary>
internal sealed class ConditionCompiler(IReadOnlyDictionary<string, RuleConditionRegistration> custom,
    Func<Type, IRuleCondition>? resolve, ISet<string> purposes, ISet<string> forms, List<ConfigurationProblem> problems)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The landing pages by slug, each with its variant ids.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> LandingPages { get; init; } = new Dictionary<string, HashSet<string>>();

    /// <summary>Compiles <paramref name="options"/> found at <paramref name="path"/> for a rule on <paramref name="when"/>.</summary>
    /// <param name="options">The conditions.</param>
    /// <param name="path">Their configuration path.</param>
    /// <param name="when">The rule's event, or <see langword="null"/> when it is unknown (already reported).</param>
    public Func<RuleConditionContext, bool> Compile(RuleConditionOptions? options, string path, string? when)
    {
        if (options is null)
        {
            return _ => true;
        }

        var parts = new List<Func<RuleConditionContext, bool>>();
        if (options.FormIs is { } form)
        {
            Check(forms, form, $"{path}:FormIs", "form");
            Need(when, EventData.Form, $"{path}:FormIs", $"FormIs '{form}'");
            parts.Add(c => string.Equals(RuleEvents.FormOf(c.Event), form, StringComparison.OrdinalIgnoreCase));
        }

        CompileAttribution(options, path, when, parts);

        foreach (var (field, value) in options.FieldEquals)
        {
            // Fields need nothing from the event: without posted values they read the contact's.
            parts.Add(c => string.Equals(Field(c, field), value, StringComparison.Ordinal));
        }

        foreach (var (field, pattern) in options.FieldMatches)
        {
            Regex? regex = null;
            try
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                problems.Add(new($"{path}:FieldMatches:{field}", ConfigurationCodes.Invalid, $"not a regular expression: {ex.Message}"));
            }

            parts.Add(c => Field(c, field) is { } v && regex is not null && Matches(regex, v));
        }

        foreach (var field in options.FieldIsEmpty)
        {
            parts.Add(c => string.IsNullOrWhiteSpace(Field(c, field)));
        }

        if (options.ConsentGiven is { } given)
        {
            Check(purposes, given, $"{path}:ConsentGiven", "purpose");
            Need(when, EventData.Consents, $"{path}:ConsentGiven", $"ConsentGiven '{given}'");
            parts.Add(c => c.Event is FormSubmitted s && ConsentIds.Contains(s.ConsentsGiven, given));
        }

        if (options.Purpose is { } purpose)
        {
            Check(purposes, purpose, $"{path}:Purpose", "purpose");
            Need(when, EventData.Purpose, $"{path}:Purpose", $"Purpose '{purpose}'",
                when == nameof(FormSubmitted) ? $"; on FormSubmitted, \"ConsentGiven\": \"{purpose}\" tests the consents given" : null);
            parts.Add(c => string.Equals(RuleEvents.PurposeOf(c.Event), purpose, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var (id, state) in options.OptinState)
        {
            Check(purposes, id, $"{path}:OptinState:{id}", "purpose");
            parts.Add(c => c.Contact is { } contact && contact.GetState(id) == state);
        }

        if (options.ContactKind is { } kind)
        {
            parts.Add(c => c.Contact?.Kind == kind);
        }

        if (options.Culture is { } culture)
        {
            Need(when, EventData.Culture, $"{path}:Culture", $"Culture '{culture}'");
            parts.Add(c => RuleEvents.CultureOf(c.Event) is { } ec
                && (string.Equals(ec, culture, StringComparison.OrdinalIgnoreCase) || ec.StartsWith(culture + "-", StringComparison.OrdinalIgnoreCase)));
        }

        var all = options.All.Select((o, i) => Compile(o, $"{path}:All:{i}", when)).ToList();
        if (all.Count > 0)
        {
            parts.Add(c => AllOf(all, c));
        }

        var any = options.Any.Select((o, i) => Compile(o, $"{path}:Any:{i}", when)).ToList();
        if (any.Count > 0)
        {
            parts.Add(c => AnyOf(any, c));
        }

        foreach (var (name, args) in options.Custom)
        {
            if (!custom.TryGetValue(name, out var registration))
            {
                problems.Add(new($"{path}:{name}", ConfigurationCodes.UnknownKey,
                    $"unknown condition '{name}'; expected one of: FormIs, LandingPageIs, VariantIs, SourceIs, FieldEquals, FieldMatches, FieldIsEmpty, ConsentGiven, Purpose, " +
                    $"OptinState, ContactKind, Culture, All, Any{string.Concat(custom.Keys.Select(k => ", " + k))}"));
                continue;
            }

            Need(when, registration.Needs, $"{path}:{name}", registration.Name);
            if (resolve is not null)
            {
                var condition = resolve(registration.ConditionType);
                var frozen = new Dictionary<string, string?>(args, StringComparer.OrdinalIgnoreCase);
                parts.Add(c => condition.Evaluate(c, frozen));
            }
        }

        return c => AllOf(parts, c);
    }

    /// <summary><c>LandingPageIs</c>, <c>VariantIs</c> and <c>SourceIs</c>: what the submission came with (#19).</summary>
    private void CompileAttribution(RuleConditionOptions options, string path, string? when, List<Func<RuleConditionContext, bool>> parts)
    {
        if (options.LandingPageIs is { } page)
        {
            Check(LandingPages.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase), page, $"{path}:LandingPageIs", "landing page");
            Need(when, EventData.LandingPage, $"{path}:LandingPageIs", $"LandingPageIs '{page}'");
            parts.Add(c => string.Equals(RuleEvents.LandingPageOf(c.Event), page, StringComparison.OrdinalIgnoreCase));
        }

        if (options.VariantIs is { } variant)
        {
            var onPage = options.LandingPageIs is { } named && LandingPages.TryGetValue(named, out var ofPage) ? ofPage : null;
            var known = onPage ?? LandingPages.Values.SelectMany(v => v).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!known.Contains(variant))
            {
                problems.Add(new($"{path}:VariantIs", ConfigurationCodes.DanglingReference, known.Count == 0
                    ? $"the variant '{variant}' is not declared: {(onPage is null ? "no landing page has" : $"the landing page '{options.LandingPageIs}' has")} variants (LandingPages:{{slug}}:Variants)"
                    : $"the variant '{variant}' is not declared on {(onPage is null ? "any landing page" : $"the landing page '{options.LandingPageIs}'")}" +
                      $"{Templates.ClosestName.Hint(variant, known)}; the variants are: {string.Join(", ", known.Order(StringComparer.OrdinalIgnoreCase))}"));
            }

            Need(when, EventData.LandingPage | EventData.Attribution, $"{path}:VariantIs", $"VariantIs '{variant}'");
            parts.Add(c => string.Equals(RuleEvents.AttributionOf(c.Event)?.Variant, variant, StringComparison.OrdinalIgnoreCase));
        }

        if (options.SourceIs is { } source)
        {
            var wanted = Submissions.SubmissionAttribution.CleanValue(source);
            if (wanted is null)
            {
                problems.Add(new($"{path}:SourceIs", ConfigurationCodes.Invalid,
                    $"'{source}' can never be a source: a utm_source is kept only with letters, digits, spaces and . - _ ~ +, " +
                    $"up to {Submissions.SubmissionAttribution.MaxValueLength} characters (a referrer host such as example.org works too)"));
            }

            Need(when, EventData.Attribution, $"{path}:SourceIs", $"SourceIs '{source}'");
            parts.Add(c => wanted is not null && SourceMatches(RuleEvents.AttributionOf(c.Event), wanted));
        }
    }

    /// <summary>The <c>utm_source</c> equals <paramref name="wanted"/>; without one, the referrer host is it or a subdomain of it.</summary>
    internal static bool SourceMatches(Submissions.SubmissionAttribution? attribution, string wanted) =>
        attribution is not null && (attribution.UtmSource is { } utm
            ? string.Equals(utm, wanted, StringComparison.Ordinal)
            : attribution.ReferrerHost is { } host
              && (string.Equals(host, wanted, StringComparison.Ordinal) || host.EndsWith("." + wanted, StringComparison.Ordinal)));

    // Loops rather than TrueForAll/Exists with a lambda: those allocated a closure and a delegate on every evaluation,
    // that is on every submission.
    private static bool AllOf(List<Func<RuleConditionContext, bool>> conditions, RuleConditionContext context)
    {
        foreach (var condition in conditions)
        {
            if (!condition(context))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOf(List<Func<RuleConditionContext, bool>> conditions, RuleConditionContext context)
    {
        foreach (var condition in conditions)
        {
            if (condition(context))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of a field: the contact's address for <c>email</c>, else the contact's fields.</summary>
    private static string? Field(RuleConditionContext c, string field) =>
        string.Equals(field, "email", StringComparison.OrdinalIgnoreCase) ? c.Contact?.Email
        // The post's own values first: a known contact's fields do not take them before a confirmation (ABU-5).
        // On the events that follow a submission (confirmation, expiry), that submission's values (#18).
        : RuleEvents.ValuesOf(c.Event) is { } posted && posted.TryGetValue(field, out var value) ? value
        : c.Contact?.Fields.GetValueOrDefault(field);

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Reports a condition that reads <paramref name="needs"/> on an event that does not carry it: it could never match.</summary>
    private void Need(string? when, EventData needs, string path, string condition, string? hint = null)
    {
        if (when is null || needs == EventData.None || RuleEvents.Carries(when, needs))
        {
            return;
        }

        var missing = needs & ~RuleEvents.Carries(when);
        var usable = RuleEvents.Carrying(needs).ToList();
        problems.Add(new(path, ConfigurationCodes.Invalid,
            $"the condition {condition} can never match on {when}: that event carries no {Describe(missing)}. " +
            (usable.Count == 0 ? "No event carries it" : $"{condition.Split(' ')[0]} can be used on {string.Join(", ", usable)}") + hint));
    }

    private static string Describe(EventData data) => string.Join(" and ", Enum.GetValues<EventData>()
        .Where(d => d != EventData.None && data.HasFlag(d))
        .Select(d => d switch
        {
            EventData.LandingPage => "landing page",
            EventData.Fields => "posted values",
            EventData.Consents => "consents given",
            EventData.Attribution => "attribution (variant, utm_source, referrer)",
            _ => d.ToString().ToLowerInvariant(),
        }));

    private void Check(ISet<string> known, string id, string path, string what)
    {
        if (!known.Contains(id))
        {
            problems.Add(new(path, ConfigurationCodes.DanglingReference, $"the {what} '{id}' is not declared{Templates.ClosestName.Hint(id, known)}"));
        }
    }

    internal static bool RequiresOptedIn(RuleConditionOptions? options, string purpose) =>
        options is not null
        && ((options.OptinState.TryGetValue(purpose, out var s) && s == OptinState.OptedIn) || options.All.Exists(a => RequiresOptedIn(a, purpose)));
}
