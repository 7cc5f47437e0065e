namespace Optin.Forms.Rules;

/// <summary>A host condition known to the rule engine, by name.</summary>
/// <param name="Name">The name used as a key in <c>If</c>.</param>
/// <param name="ConditionType">The <see cref="IRuleCondition"/> type.</param>
/// <param name="Needs">What it reads from the event (<see cref="RuleConditionNeedsAttribute"/>; none: it works on every event).</param>
internal sealed record RuleConditionRegistration(string Name, Type ConditionType, EventData Needs = EventData.None);
