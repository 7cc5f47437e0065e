namespace Optin.Forms.Schema;

/// <summary>One problem in the configuration, with the path it is at.</summary>
/// <param name="Path">The configuration path, for example <c>OptinForms:Forms:newsletter:Consents:0</c>.</param>
/// <param name="Code">A stable code, <c>OPTIN1xxx</c>.</param>
/// <param name="Message">What is wrong, and what to do about it.</param>
public sealed record ConfigurationProblem(string Path, string Code, string Message)
{
    /// <summary>Returns <c>{Path}: {Message}</c>, the line the start-time error lists.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
