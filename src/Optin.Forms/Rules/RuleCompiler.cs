using System.Collections.Immutable;
using Optin.Forms.Rules.Actions;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules;

/// <summary>
/// Validates rules and compiles them: unknown events, actions and conditions, arguments that do not bind, missing
/// templates, cycles and marketing before confirmation (DOI-1) are reported with their paths (CFG-1, CFG-3).
/// </summary>
internal sealed class RuleCompiler(IReadOnlyDictionary<string, RuleActionRegistration> actions,
    IReadOnlyDictionary<string, RuleConditionRegistration> conditions, Func<Type, IRuleCondition>? resolve)
{
    private const string Root = OptinFormsOptions.SectionName + ":Rules";

    public ImmutableArray<CompiledRule> Compile(OptinFormsOptions options, EmailTemplateSet templates, List<ConfigurationProblem> problems)
    {
        var purposes = options.Purposes.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var forms = options.Forms.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var conditionCompiler = new ConditionCompiler(conditions, resolve, purposes, forms, problems)
        {
            LandingPages = options.LandingPages.ToDictionary(p => p.Key, p => p.Value.Variants.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
                StringComparer.OrdinalIgnoreCase),
        };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var path = $"{Root}:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add(new($"{path}:Name", ConfigurationCodes.Missing, "a rule needs a name"));
            }
            else if (!names.Add(rule.Name))
            {
                problems.Add(new($"{path}:Name", ConfigurationCodes.Duplicate, $"the rule name '{rule.Name}' is used twice"));
            }

            var when = RuleEvents.Names.FirstOrDefault(n => string.Equals(n, rule.When, StringComparison.OrdinalIgnoreCase));
            if (when is null)
            {
                problems.Add(new($"{path}:When", rule.When is null ? ConfigurationCodes.Missing : ConfigurationCodes.UnknownKey,
                    $"unknown event '{rule.When}'; expected one of: {string.Join(", ", RuleEvents.Names)}"));
            }

            for (var f = 0; f < rule.Forms.Count; f++)
            {
                if (!forms.Contains(rule.Forms[f]))
                {
                    problems.Add(new($"{path}:Forms:{f}", ConfigurationCodes.DanglingReference, $"the form '{rule.Forms[f]}' is not declared{Templates.ClosestName.Hint(rule.Forms[f], forms)}"));
                }
                else if (when is not null && when != nameof(FormSubmitted))
                {
                    problems.Add(new($"{path}:Forms:{f}", ConfigurationCodes.Invalid, $"Forms filters FormSubmitted rules only, not {when}"));
                }
            }

            var condition = conditionCompiler.Compile(rule.If, $"{path}:If", when);
            var steps = ImmutableArray.CreateBuilder<CompiledStep>();
            for (var s = 0; s < rule.Then.Count; s++)
            {
                if (CompileStep(rule, when, rule.Then[s], $"{path}:Then:{s}", options, templates, purposes, problems) is { } step)
                {
                    steps.Add(step);
                }
            }

            if (rule.Then.Count == 0)
            {
                problems.Add(new($"{path}:Then", ConfigurationCodes.Missing, "a rule needs at least one action"));
            }

            if (when is not null && rule.Name is not null)
            {
                rules.Add(new CompiledRule(rule.Name, when, rule.Forms.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase), condition, steps.ToImmutable())
                {
                    Enabled = rule.Enabled,
                });
            }
        }

        RuleCycles.Check(rules, actions, problems, Root, options.Rules);
        AddDefaultDoubleOptinRules(rules, conditionCompiler, options, templates, purposes, problems);
        return rules.Where(r => r.Enabled).ToImmutableArray();
    }

    /// <summary>Adds the built-in confirmation rule of every double opt-in purpose no rule confirms (CFG-5).</summary>
    private void AddDefaultDoubleOptinRules(ImmutableArray<CompiledRule>.Builder rules, ConditionCompiler conditionCompiler,
        OptinFormsOptions options, EmailTemplateSet templates, HashSet<string> purposes, List<ConfigurationProblem> problems)
    {
        foreach (var (formId, purposeIds) in DefaultDoubleOptinRules.UncoveredByForm(options))
        {
            var path = $"{OptinFormsOptions.SectionName}:Forms:{formId}:DoubleOptin";
            if (string.IsNullOrWhiteSpace(options.BaseUrl) || string.IsNullOrWhiteSpace(options.Mail.From))
            {
                foreach (var purposeId in purposeIds)
                {
                    problems.Add(new(path, ConfigurationCodes.Missing,
                        $"the form asks for double opt-in on '{purposeId}' and no enabled FormSubmitted rule sends SendDoubleOptinEmail for it; " +
                        $"the built-in rule that would send the '{EmailTemplateCompiler.DoubleOptinTemplate}' email needs OptinForms:BaseUrl and " +
                        "OptinForms:Mail:From (CFG-5)"));
                }

                continue;
            }

            var rule = DefaultDoubleOptinRules.Create(formId, purposeIds);
            var condition = conditionCompiler.Compile(rule.If, path, nameof(FormSubmitted));
            if (CompileStep(rule, nameof(FormSubmitted), rule.Then[0], path, options, templates, purposes, problems) is { } step)
            {
                rules.Add(new CompiledRule(rule.Name!, nameof(FormSubmitted), rule.Forms.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
                    condition, [step]));
            }
        }
    }

    private CompiledStep? CompileStep(RuleOptions rule, string? when, RuleActionOptions step, string path, OptinFormsOptions options,
        EmailTemplateSet templates, HashSet<string> purposes, List<ConfigurationProblem> problems)
    {
        if (step.Action is null || !actions.TryGetValue(step.Action, out var registration))
        {
            problems.Add(new($"{path}:Action", step.Action is null ? ConfigurationCodes.Missing : ConfigurationCodes.UnknownKey,
                $"unknown action '{step.Action}'; expected one of: {string.Join(", ", actions.Keys.Order(StringComparer.Ordinal))}"));
            return null;
        }

        var bound = ArgsBinder.Bind(registration.ArgsType, step.Args, $"{path}:Args", problems);
        var args = step.Args.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
        var eventPurpose = when is nameof(FormSubmitted) ? null : rule.If?.Purpose;
        switch (bound)
        {
            case WaitArgs wait:
                return new CompiledStep(registration.Name, args, wait.For);
            case SendDoubleOptinEmailArgs doi:
                CheckConfirmedPurposes(doi, when, eventPurpose, purposes, path, problems);
                CheckTemplate(doi.Template, templates, $"{path}:Args:Template", problems);
                EmailTemplateCompiler.LintNeutral(options, doi.Template, $"{path}:Args:Template", problems);
                if (templates.IsMarketing(doi.Template))
                {
                    problems.Add(new($"{path}:Args:Template", ConfigurationCodes.Invalid,
                        $"'{doi.Template}' is a marketing email; a confirmation email carries no advertising (DOI-1, DOI-6)"));
                }

                RequireMailSettings(options, path, problems);
                break;
            case SendEmailArgs send:
                CheckTemplate(send.Template!, templates, $"{path}:Args:Template", problems);
                var mailPurpose = MarketingMail.PurposeOf(send.Purpose, when, eventPurpose);
                var forMarketingPurpose = MarketingMail.ForMarketingPurpose(send.To, mailPurpose,
                    id => options.Purposes.TryGetValue(id, out var mp) && mp.Marketing);
                // On OptinConfirmed without a Purpose filter, the purpose confirmed may be any marketing one.
                var linkPurpose = forMarketingPurpose ? mailPurpose
                    : send.To is null && send.Purpose is null && eventPurpose is null && when == nameof(OptinConfirmed)
                        ? options.Purposes.Where(p => p.Value.Marketing).Select(p => p.Key).Order(StringComparer.Ordinal).FirstOrDefault()
                        : null;
                if (linkPurpose is not null && templates.Contains(send.Template!) && !templates.IsMarketing(send.Template!))
                {
                    // Sent as marketing whatever the template says, so it needs the visible link too (WD-1).
                    EmailTemplateCompiler.LintUnsubscribeLink(options, send.Template!, $"{path}:Args:Template", linkPurpose, problems);
                }

                if ((templates.IsMarketing(send.Template!) || forMarketingPurpose) && send.To is null)
                {
                    var purpose = send.Purpose ?? eventPurpose;
                    CheckPurpose(purpose, purposes, $"{path}:Args:Purpose", problems);
                    if (purpose is not null && when != nameof(OptinConfirmed) && !ConditionCompiler.RequiresOptedIn(rule.If, purpose))
                    {
                        problems.Add(new($"{path}:Args:Template", ConfigurationCodes.Invalid,
                            $"'{send.Template}' is a marketing email: send it on OptinConfirmed or under \"If\": {{ \"OptinState\": {{ \"{purpose}\": \"OptedIn\" }} }}, never before confirmation (DOI-1)"));
                    }
                }

                RequireMailSettings(options, path, problems);
                break;
            case WebhookArgs hook:
                if (hook.Url is not null && !WebhookAction.IsAllowed(hook.Url, out _))
                {
                    problems.Add(new($"{path}:Args:Url", ConfigurationCodes.Invalid, $"'{hook.Url}' is not an absolute https URL (http only on loopback)"));
                }

                WebhookPayload.Check(hook.IncludeFields, rule, options, $"{path}:Args:{nameof(WebhookArgs.IncludeFields)}", problems);
                break;
            case SetOptinArgs set when set.Purpose is not null:
                CheckPurpose(set.Purpose, purposes, $"{path}:Args:Purpose", problems);
                if (set.State is Contacts.OptinState.OptedIn or Contacts.OptinState.PendingConfirmation
                    && options.Purposes.TryGetValue(set.Purpose, out var p) && p.Marketing)
                {
                    problems.Add(new($"{path}:Args:State", ConfigurationCodes.Invalid,
                        $"a rule cannot opt anyone in to the marketing purpose '{set.Purpose}'; only the person's confirmation can (DOI-1)"));
                }

                break;
        }

        return new CompiledStep(registration.Name, args, null);
    }

    private static void CheckPurpose(string? purpose, HashSet<string> purposes, string path, List<ConfigurationProblem> problems)
    {
        if (purpose is null)
        {
            problems.Add(new(path, ConfigurationCodes.Missing, "the purpose is required here (the event has none)"));
        }
        else if (!purposes.Contains(purpose))
        {
            problems.Add(new(path, ConfigurationCodes.DanglingReference, $"the purpose '{purpose}' is not declared{Templates.ClosestName.Hint(purpose, purposes)}"));
        }
    }

    /// <summary>
    /// What a double opt-in email confirms: one named <c>Purpose</c>; on <c>FormSubmitted</c> without one, the purposes ticked
    /// in the submission (all, or those <c>Purposes</c> lists); else the event's purpose.
    /// </summary>
    private static void CheckConfirmedPurposes(SendDoubleOptinEmailArgs doi, string? when, string? eventPurpose, HashSet<string> purposes, string path,
        List<ConfigurationProblem> problems)
    {
        if (doi.Purposes is null)
        {
            if (doi.Purpose is not null || when != nameof(FormSubmitted))
            {
                CheckPurpose(doi.Purpose ?? eventPurpose, purposes, $"{path}:Args:Purpose", problems);
            }

            return;
        }

        var at = $"{path}:Args:Purposes";
        if (doi.Purpose is not null)
        {
            problems.Add(new(at, ConfigurationCodes.Invalid,
                $"name either one Purpose ('{doi.Purpose}') or Purposes ('{doi.Purposes}'), not both: one email confirms either that purpose or those ticked in the submission"));
        }
        else if (when != nameof(FormSubmitted))
        {
            problems.Add(new(at, ConfigurationCodes.Invalid,
                $"Purposes ('{doi.Purposes}') stands for the purposes ticked in a submission, and only a FormSubmitted rule has one; on {when ?? "this event"}, name one Purpose"));
        }

        if (doi.PurposeList() is { } listed)
        {
            if (listed.Count == 0)
            {
                problems.Add(new(at, ConfigurationCodes.Invalid,
                    $"'{doi.Purposes}' names no purpose; write {SendDoubleOptinEmailArgs.Submitted} for every purpose ticked, or purpose ids separated by commas"));
            }

            foreach (var id in listed.Where(id => !purposes.Contains(id)))
            {
                problems.Add(new(at, ConfigurationCodes.DanglingReference,
                    $"the purpose '{id}' is not declared{Templates.ClosestName.Hint(id, purposes)}; Purposes is {SendDoubleOptinEmailArgs.Submitted} or declared purpose ids separated by commas " +
                    $"({string.Join(", ", purposes.Order(StringComparer.Ordinal))})"));
            }
        }
    }

    private static void CheckTemplate(string template, EmailTemplateSet templates, string path, List<ConfigurationProblem> problems)
    {
        if (!templates.Contains(template))
        {
            problems.Add(new(path, ConfigurationCodes.DanglingReference, $"the template '{template}' is not declared{Templates.ClosestName.Hint(template, templates.Ids)}"));
        }
    }

    private static void RequireMailSettings(OptinFormsOptions options, string path, List<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) && !problems.Exists(p => p.Path == $"{OptinFormsOptions.SectionName}:BaseUrl"))
        {
            problems.Add(new($"{OptinFormsOptions.SectionName}:BaseUrl", ConfigurationCodes.Missing, $"links in emails need a base URL ({path} sends email)"));
        }

        if (string.IsNullOrWhiteSpace(options.Mail.From) && !problems.Exists(p => p.Path == $"{OptinFormsOptions.SectionName}:Mail:From"))
        {
            problems.Add(new($"{OptinFormsOptions.SectionName}:Mail:From", ConfigurationCodes.Missing, $"emails need a From mailbox ({path} sends email)"));
        }
    }
}
