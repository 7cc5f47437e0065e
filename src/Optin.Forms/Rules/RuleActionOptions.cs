namespace Optin.Forms.Rules;

/// <summary>One step of a rule: an action by name and its arguments (<c>{ "Action": …, "Args": { … } }</c>).</summary>
public sealed class RuleActionOptions
{
    /// <summary>The action's name, for example <c>SendEmail</c>; unknown names fail at start (CFG-3).</summary>
    public string? Action { get; set; }

    /// <summary>The arguments, bound by name to the action's argument type at start.</summary>
    public Dictionary<string, string?> Args { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
