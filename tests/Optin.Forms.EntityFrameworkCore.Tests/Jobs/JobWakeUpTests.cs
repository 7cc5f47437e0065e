using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Mail;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Jobs;

/// <summary>
/// The EF Core store wakes the job worker after a commit that queued a job due now. The workers poll every 30 s here,
/// so an email that leaves within the 10 s bound proves the wake-up.
/// </summary>
public abstract class JobWakeUpTests
{
    private protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private protected abstract Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings);

    private protected static Dictionary<string, string?> Settings()
    {
        var settings = Some.Settings();
        settings["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>";
        settings["OptinForms:Rules:0:Name"] = "double-opt-in";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:Forms:0"] = "newsletter";
        settings["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        settings["OptinForms:Jobs:PollInterval"] = "00:00:30";
        return settings;
    }

    private protected static void Configure(OptinFormsBuilder builder) => builder.UseInMemoryMailSender();

    /// <summary>Starts the host's job worker and, on PostgreSQL, its listener (nothing else of the hosted services).</summary>
    private protected static async Task<List<IHostedService>> StartWorkerAsync(StoreHost host)
    {
        var started = host.Services.GetServices<IHostedService>()
            .Where(s => s.GetType().Name is "JobWorker" or "PostgreSqlJobListener")
            .ToList();
        Assert.Contains(started, s => s.GetType().Name == "JobWorker");
        foreach (var service in started)
        {
            await service.StartAsync(default);
        }

        return started;
    }

    private protected static async Task StopAsync(IEnumerable<IHostedService> services)
    {
        foreach (var service in services)
        {
            await service.StopAsync(default);
        }
    }

    private protected static async Task SubmitAsync(StoreHost host, string email)
    {
        var result = await host.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", email), ("consent.newsletter", "true")), default);
        Assert.True(result.Succeeded);
    }

    private protected static async Task WaitForMailAsync(StoreHost host, int count, TimeSpan bound)
    {
        var mail = host.Services.GetRequiredService<InMemoryMailSender>();
        using var timeout = new CancellationTokenSource(bound);
        while (mail.Messages.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task CommitQueuingJobDueNow_WakesTheLocalWorker_BeforeItsPoll()
    {
        await using var host = await CreateHostAsync(Configure, Settings());
        var worker = await StartWorkerAsync(host);
        try
        {
            // The first may be found by the worker's claim at start; the second only by a wake-up (or in 30 s).
            await SubmitAsync(host, "premier@exemple.fr");
            await WaitForMailAsync(host, 1, TimeSpan.FromSeconds(40));
            await SubmitAsync(host, "second@exemple.fr");
            await WaitForMailAsync(host, 2, Bound);
        }
        finally
        {
            await StopAsync(worker);
        }

        Assert.Equal(2, host.Services.GetRequiredService<InMemoryMailSender>().UniqueMessages.Count);
    }
}
