using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Tests.Health;

/// <summary>CFG-4: a refused reload keeps the previous configuration, and is seen: logged at Error and reported by <c>optin-configuration</c>.</summary>
public sealed class OptinConfigurationHealthCheckTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 12, 9, 30);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("optin-reload-");

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public async Task ConfigurationCheck_RefusedReload_DegradedWithItsCountAndTime_HealthyAgainAfterAValidReload()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "samples", "LandingPage", "appsettings.json")))!;
        var file = Path.Combine(_folder.FullName, "appsettings.json");
        await File.WriteAllTextAsync(file, sample.ToJsonString());
        var clock = new FakeClock(Now);
        var log = new LevelLog();
        var configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(log));
        services.AddOptinForms(configuration.GetSection("OptinForms")).UseClock(clock);
        services.AddHealthChecks().AddOptinForms();
        using var provider = services.BuildServiceProvider();
        var catalogs = provider.GetRequiredService<IFormCatalogProvider>();
        var inForce = catalogs.Current;
        var checks = provider.GetRequiredService<HealthCheckService>();
        async Task<HealthReportEntry> Check() => (await checks.CheckHealthAsync(
            r => r.Name == OptinFormsHealthChecksBuilderExtensions.ConfigurationCheckName, CancellationToken.None))
            .Entries[OptinFormsHealthChecksBuilderExtensions.ConfigurationCheckName];
        var atStart = await Check();

        var broken = sample.DeepClone();
        broken["OptinForms"]!["Forms"]!["newsletter"]!["Colour"] = "blue";
        broken["OptinForms"]!["Forms"]!["newsletter"]!["Size"] = "large";
        await File.WriteAllTextAsync(file, broken.ToJsonString());
        clock.Advance(Duration.FromMinutes(1));
        configuration.Reload();
        var refused = await Check();

        await File.WriteAllTextAsync(file, sample.ToJsonString());
        clock.Advance(Duration.FromMinutes(1));
        configuration.Reload();
        var repaired = await Check();

        Assert.Equal(HealthStatus.Healthy, atStart.Status);
        Assert.Equal(HealthStatus.Degraded, refused.Status);
        Assert.Equal("A configuration reload was refused at 2026-11-12T09:31:00Z with 2 problem(s); the previous configuration stays in force " +
            "until a valid one is saved. The log and the back office list the problems.", refused.Description);
        Assert.Equal((2, "2026-11-12T09:31:00Z"), ((int)refused.Data["problems"], (string)refused.Data["refusedAt"]));
        Assert.Equal(HealthStatus.Healthy, repaired.Status);
        Assert.NotSame(inForce, catalogs.Current);
        var rejected = Assert.Single(log.Entries.Where(e => e.Id == 1001).Distinct());
        Assert.Equal(LogLevel.Error, rejected.Level);
        // The back office still shows the refusal, with the later acceptance.
        Assert.Equal(2, provider.GetRequiredService<ConfigurationReloads>().LastRefused!.Problems.Length);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Keeps the id and level of every log event.</summary>
    private sealed class LevelLog : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(int Id, LogLevel Level)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LevelLog owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((eventId.Id, logLevel));
        }
    }
}
