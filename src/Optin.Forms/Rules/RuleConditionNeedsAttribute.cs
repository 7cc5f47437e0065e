namespace Optin.Forms.Rules;

/// <summary>
/// Declares what a host condition (<c>AddCondition&lt;T&gt;()</c>) needs from the event, so that a rule naming it on an
/// event that does not carry that data fails at start instead of never matching. Without it, a condition is taken to
/// work on every event.
/// </summary>
/// <param name="needs">The data the condition reads from the event.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RuleConditionNeedsAttribute(EventData needs) : Attribute
{
    /// <summary>The data the condition reads from the event.</summary>
    public EventData Needs { get; } = needs;
}
