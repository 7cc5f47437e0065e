using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using Optin.Forms.AspNetCore.Health;
using Optin.Forms.Jobs;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

// In the namespace of IHealthChecksBuilder, as the framework's own health checks (and AddOptinSmtp) are.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Optin.Forms health checks to <c>services.AddHealthChecks()</c>.</summary>
public static class OptinFormsHealthChecksBuilderExtensions
{
    /// <summary>The store check's name.</summary>
    public const string StoreCheckName = "optin-store";

    /// <summary>The job worker check's name.</summary>
    public const string JobWorkerCheckName = "optin-jobs";

    /// <summary>The configuration check's name.</summary>
    public const string ConfigurationCheckName = "optin-configuration";

    /// <summary>
    /// Adds <see cref="OptinStoreHealthCheck"/> (<c>optin-store</c>: the store answers a cheap read) and
    /// <see cref="OptinJobWorkerHealthCheck"/> (<c>optin-jobs</c>: the job worker is not stalled) and
    /// <see cref="OptinConfigurationHealthCheck"/> (<c>optin-configuration</c>: degraded while the last configuration reload
    /// stays refused).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="failureStatus">The status reported when a check fails (default unhealthy).</param>
    /// <param name="tags">Tags to filter checks by, for example <c>ready</c>.</param>
    /// <param name="stalledAfter">
    /// How long a due job may wait, and the worker go without a loop, before the worker counts as stalled (default
    /// 5 minutes; keep it above <see cref="JobOptions.PollInterval"/> and above the longest job, an SMTP timeout).
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stalledAfter"/> is not positive.</exception>
    public static IHealthChecksBuilder AddOptinForms(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null, TimeSpan? stalledAfter = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var stall = stalledAfter ?? OptinJobWorkerHealthCheck.DefaultStalledAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stall, TimeSpan.Zero, nameof(stalledAfter));
        var list = tags?.ToArray() ?? [];
        builder.Add(new HealthCheckRegistration(StoreCheckName,
            sp => new OptinStoreHealthCheck(sp.GetRequiredService<IOptinStore>()), failureStatus, list));
        builder.Add(new HealthCheckRegistration(JobWorkerCheckName,
            sp => new OptinJobWorkerHealthCheck(sp.GetRequiredService<IOptinStore>(), sp.GetRequiredService<IClock>(),
                sp.GetRequiredService<JobWorkerHeartbeat>(), stall), failureStatus, list));
        builder.Add(new HealthCheckRegistration(ConfigurationCheckName,
            sp => new OptinConfigurationHealthCheck(sp.GetRequiredService<ConfigurationReloads>()), failureStatus, list));
        return builder;
    }
}
