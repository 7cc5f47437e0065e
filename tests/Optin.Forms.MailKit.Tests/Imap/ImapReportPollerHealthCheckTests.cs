using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Optin.Forms.Deliverability;

namespace Optin.Forms.MailKit.Tests.Imap;

public sealed class ImapReportPollerHealthCheckTests
{
    [Fact]
    public async Task HealthCheck_IsHealthyBeforeAnyFailure_AndUnhealthyWhilePollsFail()
    {
        await using var closed = new TcpGate("127.0.0.1", 9); // never opened: connections to its port are refused
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IDeliveryReportProcessor, RecordingReportProcessor>();
        services.AddOptinForms(new ConfigurationBuilder().Build().GetSection("OptinForms")).UseImapReportPoller(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = closed.Port;
            o.Security = ImapSecurity.None;
            o.UserName = "bounces";
            o.Password = "secret";
        });
        services.AddHealthChecks().AddOptinImapReportPoller();
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<ImapReportPoller>().PollOnceAsync(CancellationToken.None));
        var after = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.Equal("The last 1 poll(s) of the report mailbox failed; the logs (event ids 6103 to 6105) say why.", after.Entries["optin-imap"].Description);
    }
}
