using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules;

/// <summary>
/// Compiles the rules of the configuration in force, on first use and again after each reload the catalog accepts, with
/// the host's conditions resolved from the container.
/// </summary>
internal sealed class RuleSetProvider
{
    private readonly CatalogBound<FrozenDictionary<string, ImmutableArray<CompiledRule>>> _rules;

    public RuleSetProvider(IFormCatalogProvider catalogs, IOptions<OptinFormsOptions> options, RuleRegistry registry, EmailRenderer renderer,
        IServiceProvider services)
    {
        _rules = new(catalogs, o =>
        {
            var problems = new List<ConfigurationProblem>();
            var compiler = new RuleCompiler(registry.Actions, registry.Conditions,
                type => (IRuleCondition)ActivatorUtilities.GetServiceOrCreateInstance(services, type));
            var rules = compiler.Compile(o, renderer.Templates, problems);
            RuleLocations.Name(problems, o.Rules);
            return problems.Count > 0 ? throw new OptinConfigurationException(problems) : rules.GroupBy(r => r.When, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        }, () => options.Value);
    }

    /// <summary>The rules in force for <paramref name="eventName"/> (those of the configuration last accepted).</summary>
    /// <remarks>An array, not a lazy sequence: every submission asks, and enumerating it must not allocate.</remarks>
    public ImmutableArray<CompiledRule> For(string eventName) => _rules.Value.GetValueOrDefault(eventName, []);

    /// <summary>Every rule in force.</summary>
    public ImmutableArray<CompiledRule> All => [.. _rules.Value.Values.SelectMany(g => g)];
}
