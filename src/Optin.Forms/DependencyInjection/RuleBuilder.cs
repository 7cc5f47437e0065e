using System.Globalization;
using Optin.Forms.Rules;

namespace Optin.Forms.DependencyInjection;

/// <summary>Configures one rule declared in C#.</summary>
public sealed class RuleBuilder
{
    private readonly RuleOptions _rule;

    internal RuleBuilder(RuleOptions rule) => _rule = rule;

    /// <summary>Only for submissions of these forms.</summary>
    public RuleBuilder ForForms(params string[] formIds)
    {
        _rule.Forms.AddRange(formIds);
        return this;
    }

    /// <summary>Sets the typed conditions.</summary>
    public RuleBuilder If(Action<RuleConditionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _rule.If ??= new RuleConditionOptions();
        configure(_rule.If);
        return this;
    }

    /// <summary>Adds an action; <paramref name="args"/> is an object whose properties are the arguments (<c>new { Purpose = "newsletter" }</c>).</summary>
    public RuleBuilder Then(string action, object? args = null)
    {
        var step = new RuleActionOptions { Action = action };
        foreach (var property in args?.GetType().GetProperties() ?? [])
        {
            var value = property.GetValue(args);
            // A list (IncludeFields = ["company"]) binds as the configuration reader passes one: joined by commas.
            step.Args[property.Name] = value is not string && value is IEnumerable<string> list
                ? string.Join(",", list)
                : Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        _rule.Then.Add(step);
        return this;
    }

    /// <summary>Delays the actions added after it.</summary>
    public RuleBuilder Wait(TimeSpan delay) => Then("Wait", new { For = delay.ToString("c", CultureInfo.InvariantCulture) });

    /// <summary>Turns the rule off.</summary>
    public RuleBuilder Disabled()
    {
        _rule.Enabled = false;
        return this;
    }
}
