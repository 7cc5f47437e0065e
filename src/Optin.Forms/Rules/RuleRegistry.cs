namespace Optin.Forms.Rules;

/// <summary>The actions and conditions registered in the container, by name (case-insensitive).</summary>
internal sealed class RuleRegistry(IEnumerable<RuleActionRegistration> actions, IEnumerable<RuleConditionRegistration> conditions)
{
    public IReadOnlyDictionary<string, RuleActionRegistration> Actions { get; } =
        actions.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, RuleConditionRegistration> Conditions { get; } =
        conditions.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
}
