using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rules;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Jobs;

public sealed class JobRunnerTests
{
    private static (Flow Flow, ScriptedMailSender Sender) Start()
    {
        var flow = Flow.Start(configure: b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.UseMailSender<ScriptedMailSender>();
        });
        return (flow, flow.Services.GetRequiredService<ScriptedMailSender>());
    }

    [Fact]
    public async Task RunDueJobsAsync_SenderFailsTwice_RetriesWithBackoffAndSameMessageId()
    {
        var (flow, sender) = Start();
        using var _ = flow;
        sender.Script.Enqueue(() => new IOException("connection reset"));
        sender.Script.Enqueue(() => new MailDeliveryException("421 try later", isPermanent: false, 421));
        await flow.SubmitAsync();

        await flow.RunAsync();
        var job = (await flow.JobsAsync()).Single(j => j.RuleName == "double-opt-in");
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal("IOException", job.LastError);
        Assert.InRange(job.DueAt - Some.Now, Duration.FromSeconds(24), Duration.FromSeconds(36));
        Assert.Equal(0, await flow.RunAsync());

        flow.Advance(Duration.FromSeconds(36));
        await flow.RunAsync();
        flow.Advance(Duration.FromSeconds(72));
        await flow.RunAsync();

        var sent = Assert.Single(flow.Mail.Messages);
        Assert.Equal(job.MessageId, sent.MessageId);
        job = (await flow.JobsAsync()).Single(j => j.Id == job.Id);
        Assert.Equal(JobStatus.Done, job.Status);
        Assert.Equal(3, job.Attempts);
    }

    [Fact]
    public async Task RunDueJobsAsync_CrashAfterSenderAccepted_RunsAgainAfterLeaseWithSameMessageId()
    {
        var (flow, sender) = Start();
        using var _ = flow;
        await flow.SubmitAsync();
        using var crash = new CancellationTokenSource();
        sender.CrashAfterAccept = crash;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await flow.RunAsync(crash.Token));
        var job = (await flow.JobsAsync()).Single(j => j.RuleName == "double-opt-in");
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Single(flow.Mail.Messages);
        flow.Advance(Duration.FromMinutes(1));
        Assert.Equal(0, await flow.RunAsync());

        flow.Advance(Duration.FromMinutes(1));
        Assert.Equal(1, await flow.RunAsync());

        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.Equal(flow.Mail.Messages[0].MessageId, flow.Mail.Messages[1].MessageId);
        Assert.Single(flow.Mail.UniqueMessages);
        Assert.Equal(JobStatus.Done, (await flow.JobsAsync()).Single(j => j.Id == job.Id).Status);
        // The receiver keeps the first copy; its link still works.
        Assert.Equal(Optin.Forms.DoubleOptin.TokenStatus.Valid,
            await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.UniqueMessages[0]), Flow.Visitor, default));
    }

    [Fact]
    public async Task RunDueJobsAsync_PermanentFailure_DeadLettersWithReason()
    {
        var (flow, sender) = Start();
        using var _ = flow;
        sender.Script.Enqueue(() => new MailDeliveryException("mailbox unavailable", isPermanent: true, 550));
        await flow.SubmitAsync();

        await flow.RunAsync();

        var job = (await flow.JobsAsync()).Single(j => j.RuleName == "double-opt-in");
        Assert.Equal(JobStatus.DeadLettered, job.Status);
        Assert.Equal("Permanent delivery failure (550): mailbox unavailable", job.LastError);
        Assert.Empty(flow.Mail.Messages);
    }

    [Fact]
    public async Task RunDueJobsAsync_AlwaysFailing_DeadLettersAfterMaxAttempts()
    {
        var flow = Flow.Start(configure: b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.UseMailSender<ScriptedMailSender>().ConfigureJobs(j => j.MaxAttempts = 3);
        });
        using var _ = flow;
        var sender = flow.Services.GetRequiredService<ScriptedMailSender>();
        for (var i = 0; i < 5; i++)
        {
            sender.Script.Enqueue(() => new TimeoutException());
        }

        await flow.SubmitAsync();
        for (var i = 0; i < 4; i++)
        {
            await flow.RunAsync();
            flow.Advance(Duration.FromMinutes(5));
        }

        var job = (await flow.JobsAsync()).Single(j => j.RuleName == "double-opt-in");
        Assert.Equal(JobStatus.DeadLettered, job.Status);
        Assert.Equal("Gave up after 3 attempts: TimeoutException", job.LastError);
    }

    [Fact]
    [Trait("Invariant", "4")]
    [Trait("Requirement", "DOI-7")]
    public async Task RunDueJobsAsync_JobWaitsPastMostOfItsLease_AnotherWorkerDoesNotSendItAgain()
    {
        using var flow = Flow.Start(configure: b =>
        {
            b.Services.AddSingleton<GatedMailSender>();
            b.UseMailSender<GatedMailSender>().ConfigureJobs(j => j.MaxConcurrency = 1); // the default lease: 2 minutes
        });
        var sender = flow.Services.GetRequiredService<GatedMailSender>();
        await flow.SubmitAsync("premier@exemple.fr");
        await flow.SubmitAsync("second@exemple.fr");
        var otherWorker = new JobRunner(flow.Store, flow.Clock, flow.Services, flow.Services.GetRequiredService<RuleRegistry>(),
            flow.Services.GetRequiredService<IOptions<JobOptions>>(), NullLogger<JobRunner>.Instance);

        // This worker claims both jobs at once; the first mail takes 90 s on a slow server while the second job waits
        // for the one slot, its lease running. It then starts with 30 s of its lease left, and its mail is slow too.
        var run = flow.RunAsync().AsTask();
        await sender.WaitForArrivalAsync();
        flow.Advance(Duration.FromSeconds(90));
        sender.Open();
        await sender.WaitForArrivalAsync();
        flow.Advance(Duration.FromSeconds(40));

        // Another worker polls past the lease as claimed, while the second mail is still in the sender's hands.
        var other = otherWorker.RunDueJobsAsync(default).AsTask();
        sender.Open(2);

        var (claimed, claimedByOther) = (await run, await other);
        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.Equal((2, 0), (claimed, claimedByOther));
        Assert.Equal(2, flow.Mail.UniqueMessages.Count);
        Assert.All((await flow.JobsAsync()).Where(j => j.RuleName == "double-opt-in"), j => Assert.Equal((JobStatus.Done, 1), (j.Status, j.Attempts)));
    }
}
