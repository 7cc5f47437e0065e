using System.Collections.Immutable;

namespace Optin.Forms.Rules;

/// <summary>A validated rule, ready to turn an event into jobs.</summary>
internal sealed record CompiledRule(string Name, string When, ImmutableHashSet<string> Forms,
    Func<RuleConditionContext, bool> Condition, ImmutableArray<CompiledStep> Steps)
{
    public bool Enabled { get; init; } = true;
}

/// <summary>One step: an action with its raw arguments, or a wait.</summary>
internal sealed record CompiledStep(string Action, ImmutableDictionary<string, string?> Args, TimeSpan? Wait)
{
    /// <summary>
    /// <see cref="Args"/> as a job payload carries them, built once: every job of this step shares it (a payload is
    /// serialised at once and never changed), instead of copying the arguments per event.
    /// </summary>
    public Dictionary<string, string?> PayloadArgs { get; } = new(Args, StringComparer.OrdinalIgnoreCase);
}
