using Optin.Forms.DoubleOptin;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>
/// No silent dead end (CFG-5): for the purposes a double opt-in form collects and no enabled rule confirms, one built-in
/// rule sends the <c>double-optin</c> email when the form is submitted with any of those consents: one email confirms
/// every one of them ticked in that submission (#18). It is named <c>built-in:double-optin:{formId}:{purposeId}</c> when
/// the form has one such purpose (as before), <c>built-in:double-optin:{formId}</c> when it has several.
/// </summary>
/// <remarks>
/// Without it such a sign-up would stay pending until the unconfirmed sweep deletes it, and nobody would know. A rule
/// covers a purpose when it is enabled, reacts to <c>FormSubmitted</c>, can match the form (its <c>Forms</c> and its
/// <c>FormIs</c> / <c>ConsentGiven</c> conditions do not rule the form or the purpose out) and sends
/// <c>SendDoubleOptinEmail</c> for that purpose.
/// </remarks>
internal static class DefaultDoubleOptinRules
{
    public const string NamePrefix = "built-in:double-optin:";

    /// <summary>The (form, purpose) pairs that no configured rule confirms.</summary>
    public static IEnumerable<(string Form, string Purpose)> Uncovered(OptinFormsOptions options)
    {
        foreach (var (formId, form) in options.Forms)
        {
            if (!form.DoubleOptin)
            {
                continue;
            }

            var purposes = form.Consents.Select(c => c.Purpose).OfType<string>()
                .Where(options.Purposes.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var purpose in purposes)
            {
                if (!options.Rules.Exists(r => Covers(r, formId, purpose)))
                {
                    yield return (formId, purpose);
                }
            }
        }
    }

    /// <summary>The uncovered purposes of each form, in the order of its consents.</summary>
    public static IEnumerable<(string Form, IReadOnlyList<string> Purposes)> UncoveredByForm(OptinFormsOptions options) =>
        Uncovered(options).GroupBy(p => p.Form, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(p => p.Purpose)]));

    /// <summary>The built-in rule for the uncovered purposes of one form: one email for those ticked in a submission.</summary>
    public static RuleOptions Create(string formId, IReadOnlyList<string> purposeIds) => purposeIds.Count == 1 ? Create(formId, purposeIds[0]) : new()
    {
        Name = NamePrefix + formId,
        When = nameof(FormSubmitted),
        Forms = [formId],
        If = new RuleConditionOptions { Any = [.. purposeIds.Select(p => new RuleConditionOptions { ConsentGiven = p })] },
        Then =
        [
            new RuleActionOptions
            {
                Action = DoubleOptinRequestService.Action,
                Args = new(StringComparer.OrdinalIgnoreCase) { ["Purposes"] = string.Join(',', purposeIds) },
            },
        ],
    };

    /// <summary>The built-in rule for one uncovered pair.</summary>
    public static RuleOptions Create(string formId, string purposeId) => new()
    {
        Name = NamePrefix + formId + ":" + purposeId,
        When = nameof(FormSubmitted),
        Forms = [formId],
        If = new RuleConditionOptions { ConsentGiven = purposeId },
        Then =
        [
            new RuleActionOptions
            {
                Action = DoubleOptinRequestService.Action,
                Args = new(StringComparer.OrdinalIgnoreCase) { ["Purpose"] = purposeId },
            },
        ],
    };

    private static bool Covers(RuleOptions rule, string formId, string purposeId) =>
        rule.Enabled
        && string.Equals(rule.When, nameof(FormSubmitted), StringComparison.OrdinalIgnoreCase)
        && (rule.Forms.Count == 0 || rule.Forms.Contains(formId, StringComparer.OrdinalIgnoreCase))
        && CanMatch(rule.If, formId, purposeId)
        && rule.Then.Exists(step => string.Equals(step.Action, DoubleOptinRequestService.Action, StringComparison.OrdinalIgnoreCase)
            && Confirms(step.Args, purposeId));

    /// <summary>
    /// Whether a <c>SendDoubleOptinEmail</c> step of a FormSubmitted rule confirms the purpose: it names it, or names no
    /// purpose (every purpose ticked) or lists it in <c>Purposes</c>.
    /// </summary>
    private static bool Confirms(Dictionary<string, string?> args, string purposeId) => args.GetValueOrDefault("Purpose") is { } one
        ? string.Equals(one, purposeId, StringComparison.OrdinalIgnoreCase)
        : new Actions.SendDoubleOptinEmailArgs { Purposes = args.GetValueOrDefault("Purposes") }.PurposeList() is not { } listed
          || listed.Contains(purposeId, StringComparer.OrdinalIgnoreCase);

    private static bool CanMatch(RuleConditionOptions? condition, string formId, string purposeId) =>
        condition is null
        || ((condition.FormIs is null || string.Equals(condition.FormIs, formId, StringComparison.OrdinalIgnoreCase))
            && (condition.ConsentGiven is null || string.Equals(condition.ConsentGiven, purposeId, StringComparison.OrdinalIgnoreCase))
            && condition.All.TrueForAll(c => CanMatch(c, formId, purposeId))
            && (condition.Any.Count == 0 || condition.Any.Exists(c => CanMatch(c, formId, purposeId))));
}
