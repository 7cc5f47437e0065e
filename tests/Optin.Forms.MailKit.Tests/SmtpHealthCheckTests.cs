using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpHealthCheckTests
{
    private static ServiceProvider Services(int port)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(Some.Options(port, o => o.ConnectTimeout = TimeSpan.FromSeconds(3))));
        services.AddHealthChecks().AddOptinSmtp(tags: ["ready"]);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task CheckHealthAsync_ServerGreets_Healthy()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var provider = Services(server.Port);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Some.Timeout());

        var entry = Assert.Single(report.Entries);
        Assert.Equal("optin-smtp", entry.Key);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
        Assert.Equal(["ready"], entry.Value.Tags);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task CheckHealthAsync_NothingListening_Unhealthy()
    {
        await using var provider = Services(SmtpTestServer.FreePort());

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Some.Timeout());

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("The SMTP server 127.0.0.1 could not be reached", entry.Description, StringComparison.Ordinal);
        Assert.NotNull(entry.Exception);
    }
}
