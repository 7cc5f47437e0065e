namespace Optin.Forms.Schema;

/// <summary>Thrown when the Optin.Forms configuration is invalid; lists every problem with its path.</summary>
public sealed class OptinConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public OptinConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(FormatMessage(problems)) => Problems = problems;

    /// <summary>Creates the exception with a message only.</summary>
    public OptinConfigurationException() : this([])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public OptinConfigurationException(string message) : base(message) => Problems = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public OptinConfigurationException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>Formats the problems as the message lists them.</summary>
    public static string FormatMessage(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? "The Optin.Forms configuration is invalid."
            : $"The Optin.Forms configuration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:"
                + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
    }
}
