using Microsoft.Extensions.Diagnostics.HealthChecks;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Health;

/// <summary>
/// Reports whether the Optin.Forms store answers: one cheap read (a job looked up by its indexed id), no write.
/// </summary>
public sealed class OptinStoreHealthCheck : IHealthCheck
{
    private readonly IOptinStore _store;

    /// <summary>Creates the check.</summary>
    /// <param name="store">The store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public OptinStoreHealthCheck(IOptinStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await _store.Jobs.FindJobAsync(Guid.Empty, cancellationToken);
            return HealthCheckResult.Healthy("The Optin.Forms store answered.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a provider's message may name a file path or a host, which a public /health page must not show.
            return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"The Optin.Forms store did not answer: {e.GetType().Name}.", e);
        }
    }
}
