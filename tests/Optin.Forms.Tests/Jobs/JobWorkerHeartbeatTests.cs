using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Jobs;

/// <summary>The worker's heartbeat, and how the health check tells a worker that is behind from one that is stalled.</summary>
public sealed class JobWorkerHeartbeatTests
{
    private static readonly Duration Threshold = Duration.FromMinutes(5);
    private static readonly Instant T0 = Some.Now;
    private static readonly QueueHealth Empty = new(0, 0, 0, 0, null);

    [Fact]
    public void Assess_NoJobWaitedTheThreshold_UpToDateEvenWithoutAWorker()
    {
        var heartbeat = new JobWorkerHeartbeat();

        Assert.Equal(JobWorkerCondition.UpToDate, heartbeat.Assess(Empty, T0, Threshold));
        Assert.Equal(JobWorkerCondition.UpToDate,
            heartbeat.Assess(new QueueHealth(3, 0, 0, 0, T0 - Threshold + Duration.FromMilliseconds(1)), T0, Threshold));
    }

    [Fact]
    public void Assess_JobWaitedTheThresholdAndTheWorkerLoopedLately_Behind()
    {
        var heartbeat = new JobWorkerHeartbeat();
        heartbeat.Beat(T0 - Threshold + Duration.FromMilliseconds(1));

        Assert.Equal(JobWorkerCondition.Behind, heartbeat.Assess(new QueueHealth(1, 0, 8, 0, T0 - Threshold), T0, Threshold));
    }

    [Fact]
    public void Assess_JobWaitedTheThresholdAndTheWorkerDidNotLoopForAsLong_Stalled()
    {
        var heartbeat = new JobWorkerHeartbeat();
        var queue = new QueueHealth(1, 0, 8, 0, T0 - Duration.FromHours(1));
        Assert.Equal(JobWorkerCondition.Stalled, heartbeat.Assess(queue, T0, Threshold)); // never started in this process

        heartbeat.Beat(T0 - Threshold);

        Assert.Equal(JobWorkerCondition.Stalled, heartbeat.Assess(queue, T0, Threshold));
    }

    [Fact]
    public void Assess_StoreWithoutQueueHealth_JudgedByTheHeartbeatAlone()
    {
        var heartbeat = new JobWorkerHeartbeat();
        Assert.Equal(JobWorkerCondition.Stalled, heartbeat.Assess(null, T0, Threshold)); // never started in this process

        heartbeat.Beat(T0 - Threshold + Duration.FromMilliseconds(1));
        Assert.Equal(JobWorkerCondition.UpToDate, heartbeat.Assess(null, T0, Threshold));

        heartbeat.Beat(T0 - Threshold);
        Assert.Equal(JobWorkerCondition.Stalled, heartbeat.Assess(null, T0, Threshold));
    }

    [Fact]
    public async Task Worker_Started_BeatsOnTheEnginesClock()
    {
        using var flow = Flow.Start(configure: b => b.ConfigureJobs(o => o.PollInterval = TimeSpan.FromMilliseconds(20)));
        var heartbeat = flow.Services.GetRequiredService<JobWorkerHeartbeat>();
        var worker = flow.Services.GetServices<IHostedService>().OfType<JobWorker>().Single();
        Assert.Null(heartbeat.LastLoopAt);
        flow.Advance(Duration.FromHours(1));

        await worker.StartAsync(default);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (heartbeat.LastLoopAt is null)
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        finally
        {
            await worker.StopAsync(default);
        }

        Assert.Equal(flow.Clock.GetCurrentInstant(), heartbeat.LastLoopAt);
    }
}
