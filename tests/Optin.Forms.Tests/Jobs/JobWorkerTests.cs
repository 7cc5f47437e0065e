using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Jobs;

/// <summary>
/// The hosted worker: woken by a commit that queues a job due now rather than at its poll, and running due jobs in
/// parallel up to <see cref="JobOptions.MaxConcurrency"/>. The poll interval is 30 s here, so an email that leaves
/// within the 10 s bound proves the wake-up.
/// </summary>
public sealed class JobWorkerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static Flow Start(Action<JobOptions> jobs, bool slow = false, bool gated = false) => Flow.Start(configure: b =>
    {
        b.ConfigureJobs(o =>
        {
            o.PollInterval = TimeSpan.FromSeconds(30);
            jobs(o);
        });
        if (slow)
        {
            b.Services.AddSingleton<SlowMailSender>();
            b.UseMailSender<SlowMailSender>();
        }

        if (gated)
        {
            b.Services.AddSingleton<GatedMailSender>();
            b.UseMailSender<GatedMailSender>();
        }
    });

    private static async Task<IHostedService> StartWorkerAsync(Flow flow)
    {
        var worker = flow.Services.GetServices<IHostedService>().OfType<JobWorker>().Single();
        await worker.StartAsync(default);
        return worker;
    }

    private static async Task WaitForMailAsync(Flow flow, int count, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (flow.Mail.Messages.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Worker_CommitQueuesJobDueNow_SendsWithoutWaitingForThePoll()
    {
        using var flow = Start(_ => { });
        var worker = await StartWorkerAsync(flow);
        try
        {
            // The first sign-up may be found by the worker's first claim at start; the second can only be found by a
            // wake-up (or in 30 s).
            await flow.SubmitAsync("premier@exemple.fr");
            await WaitForMailAsync(flow, 1, TimeSpan.FromSeconds(40));
            await flow.SubmitAsync("second@exemple.fr");
            await WaitForMailAsync(flow, 2, Bound);
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(2, flow.Mail.UniqueMessages.Count);
    }

    [Fact]
    public async Task Worker_ManyJobsDueAndSlowSender_RunsUpToMaxConcurrencyAtOnceAndSendsEachOnce()
    {
        using var flow = Start(o => o.MaxConcurrency = 3, slow: true);
        for (var i = 0; i < 12; i++)
        {
            await flow.SubmitAsync($"personne{i}@exemple.fr");
        }

        var worker = await StartWorkerAsync(flow);
        try
        {
            await WaitForMailAsync(flow, 12, Bound);
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(3, flow.Services.GetRequiredService<SlowMailSender>().MaxInFlight);
        Assert.Equal(12, flow.Mail.Messages.Count);
        Assert.Equal(12, flow.Mail.UniqueMessages.Count);
        Assert.All(await flow.JobsAsync(), j => Assert.True(j.Status is JobStatus.Done || j.DueAt > flow.Clock.GetCurrentInstant()));
    }

    [Fact]
    public async Task RunDueJobsAsync_ManyJobsDueAndSlowSender_RunsUpToMaxConcurrencyAtOnceAndSendsEachOnce()
    {
        using var flow = Start(o => o.MaxConcurrency = 4, slow: true);
        for (var i = 0; i < 10; i++)
        {
            await flow.SubmitAsync($"personne{i}@exemple.fr");
        }

        Assert.Equal(10, await flow.RunAsync());

        Assert.Equal(4, flow.Services.GetRequiredService<SlowMailSender>().MaxInFlight);
        Assert.Equal(10, flow.Mail.Messages.Count);
        Assert.Equal(10, flow.Mail.UniqueMessages.Count);
        Assert.Equal(0, await flow.RunAsync());
    }

    [Fact]
    [Trait("Invariant", "4")]
    public async Task Worker_MoreJobsDueThanSlots_ClaimsNoMoreThanItHasFreeSlots()
    {
        // A claimed job that waited in memory for a slot would hold a lease that runs out while it waits.
        using var flow = Start(o => o.MaxConcurrency = 3, gated: true);
        var sender = flow.Services.GetRequiredService<GatedMailSender>();
        for (var i = 0; i < 8; i++)
        {
            await flow.SubmitAsync($"personne{i}@exemple.fr");
        }

        var worker = await StartWorkerAsync(flow);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await sender.WaitForArrivalAsync();
            }

            Assert.Equal(3, await RunningAsync(flow));
            sender.Open();
            await sender.WaitForArrivalAsync();
            Assert.Equal(3, await RunningAsync(flow));
            sender.Open(7);
            await WaitForMailAsync(flow, 8, Bound);
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(8, flow.Mail.Messages.Count);
        Assert.Equal(8, flow.Mail.UniqueMessages.Count);
    }

    private static async Task<int> RunningAsync(Flow flow) => (await flow.JobsAsync()).Count(j => j.Status == JobStatus.Running);
}
