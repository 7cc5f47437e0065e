using Microsoft.Extensions.Options;

namespace Optin.Forms.Schema;

/// <summary>
/// The start-time failure of Optin.Forms options: an <see cref="OptionsValidationException"/> (catch that type) whose
/// message lists every problem on its own line, with its path.
/// </summary>
internal sealed class OptinOptionsValidationException(string optionsName, Type optionsType, IEnumerable<string> failures)
    : OptionsValidationException(optionsName, optionsType, failures)
{
    /// <summary>
    /// <c>The Optin.Forms configuration has 2 problems:</c>, then each problem on its own line: what
    /// <c>optin check</c> prints.
    /// </summary>
    public override string Message
    {
        get
        {
            var failures = Failures.ToList();
            return $"The Optin.Forms configuration has {failures.Count} problem{(failures.Count == 1 ? "" : "s")}:"
                + string.Concat(failures.Select(f => Environment.NewLine + "  " + f));
        }
    }
}
