using System.Collections.Immutable;

namespace Optin.Forms.Rules;

/// <summary>A validated rule, ready to turn an event into jobs.</summary>
internal sealed record CompiledRule(string Name, string When, ImmutableHashSet<string> Forms,
    Func<RuleConditionContext, bool> Condition, ImmutableArray<CompiledStep> Steps)
{
    public bool Enabled { get; init; } = true;
}

/// <summary>One step: an action with its raw arguments, or a wait.</summary>
internal sealed record CompiledStep(string Action, ImmutableDictionary<string, string?> Args, TimeSpan? Wait);
