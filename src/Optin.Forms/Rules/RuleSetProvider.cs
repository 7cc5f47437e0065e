using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules;

/// <summary>Compiles the rules once, on first use, with the host's conditions resolved from the container.</summary>
internal sealed class RuleSetProvider(IOptions<OptinFormsOptions> options, RuleRegistry registry, EmailRenderer renderer, IServiceProvider services)
{
    private readonly Lazy<ILookup<string, CompiledRule>> _rules = new(() =>
    {
        var problems = new List<ConfigurationProblem>();
        var compiler = new RuleCompiler(registry.Actions, registry.Conditions,
            type => (IRuleCondition)ActivatorUtilities.GetServiceOrCreateInstance(services, type));
        var rules = compiler.Compile(options.Value, renderer.Templates, problems);
        return problems.Count > 0 ? throw new OptinConfigurationException(problems) : rules.ToLookup(r => r.When, StringComparer.Ordinal);
    });

    public IEnumerable<CompiledRule> For(string eventName) => _rules.Value[eventName];

    public ImmutableArray<CompiledRule> All => [.. _rules.Value.SelectMany(g => g)];
}
