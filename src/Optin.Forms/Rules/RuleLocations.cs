using System.Text.RegularExpressions;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>
/// Names the rule in its problems: <c>OptinForms:Rules[webinar-welcome] (position 7):If:FormIs</c> rather than only
/// <c>OptinForms:Rules:7:If:FormIs</c>, whose number a marketer has to count in the JSON. The path stays in
/// <see cref="ConfigurationProblem.Path"/>; a rule without a name keeps its position only.
/// </summary>
internal static partial class RuleLocations
{
    /// <summary>Gives every problem about a rule of <paramref name="rules"/> its readable location.</summary>
    public static void Name(List<ConfigurationProblem> problems, IReadOnlyList<RuleOptions> rules)
    {
        for (var i = 0; i < problems.Count; i++)
        {
            var problem = problems[i];
            var location = problem.Location ?? Describe(problem.Path, rules);
            var message = RuleInText().Replace(problem.Message, m => Describe(m.Value, rules));
            if (!ReferenceEquals(location, problem.Path) || !string.Equals(message, problem.Message, StringComparison.Ordinal))
            {
                problems[i] = problem with { Location = ReferenceEquals(location, problem.Path) ? null : location, Message = message };
            }
        }
    }

    /// <summary>The readable form of <paramref name="path"/>, or <paramref name="path"/> itself when it is not about a named rule.</summary>
    public static string Describe(string path, IReadOnlyList<RuleOptions> rules)
    {
        var match = RulePath().Match(path);
        if (!match.Success || !int.TryParse(match.Groups["index"].ValueSpan, out var index) || index >= rules.Count
            || rules[index].Name is not { } name || string.IsNullOrWhiteSpace(name))
        {
            return path;
        }

        return $"{match.Groups["root"].Value}[{name}] (position {index}){path[match.Length..]}";
    }

    [GeneratedRegex(@"^(?<root>[^:\s]+:Rules):(?<index>\d+)(?=:|$)", RegexOptions.CultureInvariant)]
    private static partial Regex RulePath();

    [GeneratedRegex(@"\b[A-Za-z]+:Rules:\d+(?=\b)", RegexOptions.CultureInvariant)]
    private static partial Regex RuleInText();
}
