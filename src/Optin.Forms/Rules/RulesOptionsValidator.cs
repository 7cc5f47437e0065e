using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules;

/// <summary>
/// Validates rules, templates, double opt-in and mail settings at start, with the schema's problems in the same list
/// (CFG-1, CFG-3, DOI-1, DOI-6, WD-1, AUTH-1).
/// </summary>
internal sealed class RulesOptionsValidator(RuleRegistry registry) : IValidateOptions<OptinFormsOptions>
{
    public ValidateOptionsResult Validate(string? name, OptinFormsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigurationProblem>();
        var templates = EmailTemplateCompiler.Compile(options, problems);
        TemplateVariableCheck.Check(options, templates, problems);
        new RuleCompiler(registry.Actions, registry.Conditions, resolve: null).Compile(options, templates, problems);
        DoubleOptinOptionsCheck.Check(options, problems);
        RuleLocations.Name(problems, options.Rules);
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }
}
