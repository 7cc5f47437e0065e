using Optin.Forms.Rules;

namespace Optin.Forms.DependencyInjection;

/// <summary>Declares rules in C#, into the same model as <c>OptinForms:Rules</c> (validated at start alike).</summary>
public sealed class RulesBuilder
{
    private readonly List<RuleOptions> _rules;

    internal RulesBuilder(List<RuleOptions> rules) => _rules = rules;

    /// <summary>Starts a rule on <typeparamref name="TEvent"/>.</summary>
    /// <param name="name">The rule's name; defaults to the event name and the rule's position.</param>
    public RuleBuilder When<TEvent>(string? name = null)
        where TEvent : OptinEvent
    {
        var rule = new RuleOptions { Name = name ?? $"{typeof(TEvent).Name}-{_rules.Count}", When = typeof(TEvent).Name };
        _rules.Add(rule);
        return new RuleBuilder(rule);
    }
}
