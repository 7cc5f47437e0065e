using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Tests.Support;
using Optin.Forms.DependencyInjection;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Health;

/// <summary>
/// <c>services.AddHealthChecks().AddOptinForms()</c>: the store answers (<c>optin-store</c>) and the job worker is not
/// stalled (<c>optin-jobs</c>); the sample maps them at /health.
/// </summary>
public sealed class OptinHealthChecksTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("optin-health-");

    [Fact]
    public async Task Health_SampleSiteOnItsSqliteFile_Healthy()
    {
        using var factory = new OptinWebFactory();

        using var response = await factory.Client().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoreCheck_SqliteFileInAFolderThatCannotExist_UnhealthyWithoutThePath()
    {
        // A folder under a plain file: no one, root included, can create it.
        var blocker = Path.Combine(_folder.FullName, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        var path = Path.Combine(blocker, "missing", "optin.db");
        using var provider = Build(b => b.UseEntityFrameworkCore(o => o.UseSqlite($"Data Source={path}")), new FakeClock(Now));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(CancellationToken.None);

        var store = report.Entries[OptinFormsHealthChecksBuilderExtensions.StoreCheckName];
        Assert.Equal(HealthStatus.Unhealthy, store.Status);
        Assert.StartsWith("The Optin.Forms store did not answer: ", store.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(blocker, store.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task JobWorkerCheck_DueJobWaitsPastTheThresholdWithNoWorkerRunning_Unhealthy()
    {
        var clock = new FakeClock(Now);
        using var provider = Build(_ => { }, clock);
        var checks = provider.GetRequiredService<HealthCheckService>();
        await using (var tx = await provider.GetRequiredService<IOptinStore>().BeginTransactionAsync(CancellationToken.None))
        {
            await tx.Jobs.EnqueueAsync(new JobRecord { Id = Guid.NewGuid(), Action = "SendEmail", Payload = "{}", CreatedAt = Now, DueAt = Now },
                CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        clock.Advance(Duration.FromMinutes(5) - Duration.FromMilliseconds(1));
        var waiting = (await checks.CheckHealthAsync(CancellationToken.None)).Entries[OptinFormsHealthChecksBuilderExtensions.JobWorkerCheckName];
        clock.Advance(Duration.FromMilliseconds(1));
        var stalled = (await checks.CheckHealthAsync(CancellationToken.None)).Entries[OptinFormsHealthChecksBuilderExtensions.JobWorkerCheckName];

        Assert.Equal(HealthStatus.Healthy, waiting.Status);
        Assert.Equal(HealthStatus.Unhealthy, stalled.Status);
        Assert.Equal("The job worker has not run in this process, and a job has waited 00:05:00 since it fell due.", stalled.Description);
        Assert.Equal((1L, 300d), ((long)stalled.Data["due"], (double)stalled.Data["oldestDueAgeSeconds"]));
    }

    [Fact]
    public async Task JobWorkerCheck_StoreWithoutJobQueue_JudgesTheWorkerByItsHeartbeatAlone()
    {
        var clock = new FakeClock(Now);
        using var provider = Build(b => b.UseStore<StoreWithoutJobQueue>(), clock);
        var checks = provider.GetRequiredService<HealthCheckService>();
        var heartbeat = provider.GetRequiredService<JobWorkerHeartbeat>();
        const string alone = "The store does not report its job queue, so the worker is judged by its heartbeat alone";

        var notStarted = (await checks.CheckHealthAsync(CancellationToken.None)).Entries[OptinFormsHealthChecksBuilderExtensions.JobWorkerCheckName];
        var hosted = provider.GetServices<IHostedService>().ToList();
        HealthReportEntry running;
        try
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (heartbeat.LastLoopAt is null)
            {
                await Task.Delay(10, timeout.Token);
            }

            running = (await checks.CheckHealthAsync(CancellationToken.None)).Entries[OptinFormsHealthChecksBuilderExtensions.JobWorkerCheckName];
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }

        clock.Advance(Duration.FromMinutes(5));
        var stopped = (await checks.CheckHealthAsync(CancellationToken.None)).Entries[OptinFormsHealthChecksBuilderExtensions.JobWorkerCheckName];

        Assert.Equal((HealthStatus.Unhealthy, $"{alone}: it has not run in this process."), (notStarted.Status, notStarted.Description));
        Assert.Equal((HealthStatus.Healthy, $"{alone}: it went round its loop within 00:05:00."), (running.Status, running.Description));
        Assert.Equal((HealthStatus.Unhealthy, $"{alone}: it has not gone round its loop since {heartbeat.LastLoopAt}."), (stopped.Status, stopped.Description));
        Assert.False(stopped.Data.ContainsKey("due"));
        Assert.Null(stopped.Exception);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 12, 9, 30);

    /// <summary>The sample's configuration, with its hosted services not started: no job worker runs.</summary>
    private static ServiceProvider Build(Action<OptinFormsBuilder> store, FakeClock clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryFiles.Root, "samples", "LandingPage", "appsettings.json"))
            .Build();
        var services = new ServiceCollection().AddLogging();
        var optin = services.AddOptinForms(configuration.GetSection("OptinForms")).UseClock(clock);
        store(optin);
        services.AddHealthChecks().AddOptinForms();
        return services.BuildServiceProvider();
    }
}
