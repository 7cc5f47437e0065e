using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Diagnostics;

/// <content>
/// The registration: the host's instruments, and the public services that record on them (their public constructors
/// stay as they are; the registration hands them the instruments).
/// </content>
internal sealed partial class OptinMetrics
{
    /// <summary>The host's instruments, with the queue's gauges read from its store.</summary>
    public static OptinMetrics FromServices(IServiceProvider services)
    {
        var metrics = Create(services.GetService<IMeterFactory>());
        // The store is resolved at the first read, not here: the metrics come before anything that records on them.
        metrics.ObserveQueue((now, ct) => services.GetRequiredService<IOptinStore>().JobQueue.GetHealthAsync(now, ct),
            services.GetRequiredService<IClock>());
        return metrics;
    }

    public static SubmissionPipeline Attach(SubmissionPipeline pipeline, IServiceProvider services)
    {
        pipeline.Metrics = services.GetRequiredService<OptinMetrics>();
        return pipeline;
    }

    public static DoubleOptinService Attach(DoubleOptinService service, IServiceProvider services)
    {
        service.Metrics = services.GetRequiredService<OptinMetrics>();
        return service;
    }

    public static UnconfirmedSweeper Attach(UnconfirmedSweeper sweeper, IServiceProvider services)
    {
        sweeper.Metrics = services.GetRequiredService<OptinMetrics>();
        return sweeper;
    }
}
