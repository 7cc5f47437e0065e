using System.Collections.Immutable;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>Finds rules whose actions raise, directly or not, the event they react to (CFG-3).</summary>
internal static class RuleCycles
{
    public static void Check(ImmutableArray<CompiledRule>.Builder rules, IReadOnlyDictionary<string, RuleActionRegistration> actions,
        List<ConfigurationProblem> problems, string root, List<RuleOptions> options)
    {
        var edges = rules.Where(r => r.Enabled)
            .SelectMany(r => r.Steps.SelectMany(s => actions.TryGetValue(s.Action, out var a) ? a.RaisedEvents : []).Select(e => (r.When, e)))
            .GroupBy(x => x.When)
            .ToDictionary(g => g.Key, g => g.Select(x => x.e).Distinct().ToList());
        foreach (var rule in rules.Where(r => r.Enabled))
        {
            var raised = rule.Steps.SelectMany(s => actions.TryGetValue(s.Action, out var a) ? a.RaisedEvents : []).Distinct();
            foreach (var start in raised)
            {
                if (Reaches(start, rule.When, edges, []) is { } chain)
                {
                    var index = options.FindIndex(o => o.Name == rule.Name);
                    problems.Add(new($"{root}:{index}", ConfigurationCodes.Invalid,
                        $"the rule '{rule.Name}' starts a cycle: {rule.When} → {string.Join(" → ", chain)}"));
                    break;
                }
            }
        }
    }

    private static List<string>? Reaches(string from, string target, Dictionary<string, List<string>> edges, HashSet<string> seen)
    {
        if (from == target)
        {
            return [from];
        }

        if (!seen.Add(from))
        {
            return null;
        }

        foreach (var next in edges.GetValueOrDefault(from) ?? [])
        {
            if (Reaches(next, target, edges, seen) is { } rest)
            {
                return [from, .. rest];
            }
        }

        return null;
    }
}
