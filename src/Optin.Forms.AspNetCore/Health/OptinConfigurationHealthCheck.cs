using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime.Text;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Health;

/// <summary>
/// Reports whether the configuration in force is the one last written: healthy until a reload is refused, degraded from
/// then until a later reload is accepted (CFG-4).
/// </summary>
/// <remarks>
/// A refused reload keeps the previous configuration, so the site still serves: degraded, not unhealthy, so that a
/// readiness probe does not take a working instance out of service. The result's data holds the number of problems
/// (<c>problems</c>) and when the reload was refused (<c>refusedAt</c>), not the problems themselves: a health page may be
/// public, and a problem quotes configured values. The log (event 1001, at Error) and the back office list them.
/// </remarks>
public sealed class OptinConfigurationHealthCheck : IHealthCheck
{
    private readonly ConfigurationReloads _reloads;

    /// <summary>Creates the check.</summary>
    /// <param name="reloads">The engine's record of configuration reloads.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reloads"/> is null.</exception>
    public OptinConfigurationHealthCheck(ConfigurationReloads reloads)
    {
        ArgumentNullException.ThrowIfNull(reloads);
        _reloads = reloads;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_reloads.Outstanding is not { } refused)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The configuration in force is the last one written."));
        }

        var at = InstantPattern.General.Format(refused.At);
        var data = new Dictionary<string, object> { ["problems"] = refused.Problems.Length, ["refusedAt"] = at };
        return Task.FromResult(HealthCheckResult.Degraded(
            $"A configuration reload was refused at {at} with {refused.Problems.Length} problem(s); the previous configuration stays in force " +
            "until a valid one is saved. The log and the back office list the problems.", data: data));
    }
}
