namespace Optin.Forms.Schema;

/// <summary>One problem in the configuration, with the path it is at.</summary>
/// <param name="Path">The configuration path, for example <c>OptinForms:Forms:newsletter:Consents:0</c>.</param>
/// <param name="Code">A stable code, <c>OPTIN1xxx</c>.</param>
/// <param name="Message">What is wrong, and what to do about it.</param>
public sealed record ConfigurationProblem(string Path, string Code, string Message)
{
    /// <summary>
    /// The path as a person reads it, when it says more than <see cref="Path"/>: a rule's problem names the rule,
    /// <c>OptinForms:Rules[webinar-welcome] (position 7):If:FormIs</c> for <c>OptinForms:Rules:7:If:FormIs</c>.
    /// </summary>
    public string? Location { get; init; }

    /// <summary>Returns <c>{Location or Path}: {Message}</c>, the line the start-time error lists.</summary>
    public override string ToString() => $"{Location ?? Path}: {Message}";
}
