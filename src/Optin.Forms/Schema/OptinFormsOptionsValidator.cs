using Microsoft.Extensions.Options;

namespace Optin.Forms.Schema;

/// <summary>
/// Validates <see cref="OptinFormsOptions"/> at start (with <c>ValidateOnStart</c>) and on every reload, listing every
/// problem as <c>{path}: {message}</c>.
/// </summary>
internal sealed class OptinFormsOptionsValidator : IValidateOptions<OptinFormsOptions>
{
    public ValidateOptionsResult Validate(string? name, OptinFormsOptions options)
    {
        FormCatalogCompiler.TryCompile(options, out var problems);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }
}
