namespace Optin.Forms.Rules;

/// <summary>
/// One rule (<c>OptinForms:Rules:{index}</c>, or <c>AddRules</c> in C#): when an event happens, on these forms, if the
/// conditions hold, then run these actions in order.
/// </summary>
public sealed class RuleOptions
{
    /// <summary>The rule's name, unique; jobs and logs refer to it.</summary>
    public string? Name { get; set; }

    /// <summary>The event: <c>FormSubmitted</c>, <c>OptinConfirmed</c>, <c>OptinWithdrawn</c>, <c>DoubleOptinExpired</c> or <c>ContactOptinChanged</c>.</summary>
    public string? When { get; set; }

    /// <summary>Only for events of these forms (empty: every form).</summary>
    public List<string> Forms { get; set; } = [];

    /// <summary>The conditions, all of which must hold; none means always.</summary>
    public RuleConditionOptions? If { get; set; }

    /// <summary>The actions, in order; a <c>Wait</c> delays those after it.</summary>
    public List<RuleActionOptions> Then { get; set; } = [];

    /// <summary>Whether the rule runs. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
