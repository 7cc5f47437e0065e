namespace Optin.Forms.Rules;

/// <summary>An action known to the rule engine: its name in <c>Then</c> and its implementation type.</summary>
/// <param name="Name">The name, for example <c>SendEmail</c>.</param>
/// <param name="ActionType">The <see cref="IRuleAction"/> type, resolved from the container when a job runs.</param>
/// <param name="ArgsType">The type its <c>Args</c> bind to.</param>
/// <param name="RaisedEvents">The events the action raises when it runs (for cycle detection, CFG-3).</param>
internal sealed record RuleActionRegistration(string Name, Type ActionType, Type ArgsType, IReadOnlyList<string> RaisedEvents)
{
    public static RuleActionRegistration For<TAction>(params string[] raisedEvents)
        where TAction : IRuleAction =>
        new(NameOf(typeof(TAction), "Action"), typeof(TAction), ArgsTypeOf(typeof(TAction)), raisedEvents);

    internal static string NameOf(Type type, string suffix) =>
        type.Name.EndsWith(suffix, StringComparison.Ordinal) && type.Name.Length > suffix.Length ? type.Name[..^suffix.Length] : type.Name;

    private static Type ArgsTypeOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(RuleAction<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return typeof(NoArgs);
    }

    /// <summary>The arguments of an action that takes none.</summary>
    internal sealed class NoArgs;
}
