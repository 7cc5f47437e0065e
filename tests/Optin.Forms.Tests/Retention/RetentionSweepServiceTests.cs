using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Optin.Forms.Retention;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Retention;

public sealed class RetentionSweepServiceTests
{
    [Fact]
    [Trait("Requirement", "RET-2")]
    public async Task HostedSweep_WhenStarted_ErasesExpiredProspectsWithoutAnyoneCallingIt()
    {
        using var e = SeededEngine.Start();
        var lead = await e.SeedAsync("jean.dupont@exemple.fr");
        e.Clock.Advance(Duration.FromDays(1095));
        var service = e.Services.GetServices<IHostedService>().OfType<RetentionSweepService>().Single();

        await service.StartAsync(default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!e.Log.Entries.Any(x => x.EventId.Id == 3102))
        {
            // Waits for the background run to finish; the sweep's own logic reads only the fake clock.
            await Task.Delay(20, timeout.Token);
        }

        await service.StopAsync(default);
        Assert.False(await e.ExistsAsync(lead));
    }
}
