namespace Optin.Forms.Rules;

/// <summary>
/// A condition a rule can name in <c>If</c> (<c>"If": { "MyCondition": { … } }</c>). Register one with
/// <c>AddCondition&lt;T&gt;()</c>; its name is the class name without the <c>Condition</c> suffix. It runs inside the
/// transaction of the event: keep it pure (no I/O).
/// </summary>
public interface IRuleCondition
{
    /// <summary>Whether the condition holds.</summary>
    /// <param name="context">The event and the contact.</param>
    /// <param name="args">The condition's arguments from configuration (a single value arrives as <c>Value</c>).</param>
    bool Evaluate(RuleConditionContext context, IReadOnlyDictionary<string, string?> args);
}
