using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Diagnostics;

/// <summary>The instruments of the Optin.Forms meter (docs/metrics.md), read with a MeterListener.</summary>
public sealed class OptinMetricsTests
{
    [Fact]
    public async Task SubmitAsync_AcceptedAndRefused_CountedByFormOutcomeAndRefusalCode()
    {
        using var flow = Flow.Start();
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        var pipeline = flow.Services.GetRequiredService<SubmissionPipeline>();

        await flow.SubmitAsync();
        Assert.False((await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "pas une adresse"), ("consent.newsletter", "true")), default)).Succeeded);
        Assert.False((await pipeline.SubmitAsync(Some.Post("no-such-form", ("email", Some.Email())), default)).Succeeded);

        var counted = metrics.Of("optin.forms.submissions");
        Assert.All(counted, m => Assert.Equal(("{submission}", 1d), (m.Unit, m.Value)));
        Assert.Equal(
            [("newsletter", "accepted", null), ("newsletter", "refused", SubmissionCodes.InvalidEmail), (null, "refused", SubmissionCodes.UnknownForm)],
            counted.Select(m => (m.Tag(OptinMetrics.FormTag), m.Tag(OptinMetrics.OutcomeTag), m.Tag(OptinMetrics.ErrorTypeTag))));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "DOI-4")]
    public async Task ConfirmAsync_DoubleOptinSentThenConfirmed_CountsEachOnceByPurpose()
    {
        using var flow = Flow.Start();
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        await flow.SubmitAsync();
        await flow.RunAsync();
        var token = Flow.ConfirmToken(Assert.Single(flow.Mail.Messages));
        Assert.Empty(metrics.Of("optin.forms.double_optin.confirmed"));

        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));

        var sent = Assert.Single(metrics.Of("optin.forms.double_optin.sent"));
        var confirmed = Assert.Single(metrics.Of("optin.forms.double_optin.confirmed"));
        Assert.Equal(("newsletter", "newsletter"), (sent.Tag(OptinMetrics.PurposeTag), confirmed.Tag(OptinMetrics.PurposeTag)));
        Assert.Equal(1, confirmed.Value);
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task SweepAsync_UnconfirmedPastItsDelay_CountsExpiredByPurpose()
    {
        using var flow = Flow.Start();
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        await flow.SubmitAsync();
        flow.Advance(Duration.FromDays(60));

        Assert.Equal(1, await flow.Services.GetRequiredService<UnconfirmedSweeper>().SweepAsync(default));

        Assert.Equal("newsletter", Assert.Single(metrics.Of("optin.forms.double_optin.expired")).Tag(OptinMetrics.PurposeTag));
    }

    [Fact]
    public async Task RunDueJobsAsync_JobStartedLate_RecordsItsLagAndTheMailSendDuration()
    {
        using var flow = Flow.Start();
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        await flow.SubmitAsync();
        flow.Advance(Duration.FromSeconds(42));

        Assert.Equal(1, await flow.RunAsync());

        var lag = Assert.Single(metrics.Of("optin.forms.job.lag"));
        Assert.Equal(("s", 42d, DoubleOptinRequestService.Action), (lag.Unit, lag.Value, lag.Tag(OptinMetrics.ActionTag)));
        var send = Assert.Single(metrics.Of("optin.forms.mail.send.duration"));
        Assert.Equal(("s", "double-optin", null), (send.Unit, send.Tag(OptinMetrics.TemplateTag), send.Tag(OptinMetrics.ErrorTypeTag)));
        Assert.True(send.Value >= 0);
    }

    [Fact]
    public async Task RunDueJobsAsync_SenderFails_RecordsTheSendDurationWithTheErrorType()
    {
        using var flow = Flow.Start(configure: b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.UseMailSender<ScriptedMailSender>();
        });
        flow.Services.GetRequiredService<ScriptedMailSender>().Script.Enqueue(() => new IOException("connection reset"));
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        await flow.SubmitAsync();

        await flow.RunAsync();

        var send = Assert.Single(metrics.Of("optin.forms.mail.send.duration"));
        Assert.Equal(("double-optin", nameof(IOException)), (send.Tag(OptinMetrics.TemplateTag), send.Tag(OptinMetrics.ErrorTypeTag)));
        Assert.Empty(metrics.Of("optin.forms.double_optin.sent"));
    }

    [Fact]
    public async Task QueueGauges_ReadWithinTheInterval_ServeTheCachedReadThenReadTheStoreAgain()
    {
        using var flow = Flow.Start();
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        await flow.SubmitAsync();
        var first = await flow.Store.JobQueue.GetHealthAsync(flow.Clock.GetCurrentInstant(), default);
        Assert.Equal(1, first.Due);

        Assert.Equal(1, Assert.Single(metrics.Observe("optin.forms.jobs.due")).Value);
        await flow.SubmitAsync(Some.Email("marie"));
        flow.Advance(OptinMetrics.QueueReadInterval - Duration.FromMilliseconds(1));
        Assert.Equal(1, Assert.Single(metrics.Observe("optin.forms.jobs.due")).Value); // the store was not read again
        flow.Advance(Duration.FromMilliseconds(1));

        Assert.Equal(2, Assert.Single(metrics.Observe("optin.forms.jobs.due")).Value);
        Assert.Equal(0, Assert.Single(metrics.Observe("optin.forms.jobs.dead_lettered")).Value);
        var age = Assert.Single(metrics.Observe("optin.forms.jobs.oldest_due.age"));
        Assert.Equal(("s", OptinMetrics.QueueReadInterval.TotalSeconds), (age.Unit, age.Value));
    }

    [Fact]
    public async Task QueueGauges_StoreWithoutJobQueue_ReportNothingAndTheStoreIsNotAskedAgain()
    {
        using var flow = Flow.Start(configure: b => b.UseStore<StoreWithoutJobQueue>());
        using var metrics = new MetricRecorder(flow.Services.GetRequiredService<OptinMetrics>().Meter);
        var store = flow.Services.GetRequiredService<StoreWithoutJobQueue>();
        await flow.SubmitAsync();
        string[] gauges = ["optin.forms.jobs.due", "optin.forms.jobs.running", "optin.forms.jobs.dead_lettered", "optin.forms.jobs.oldest_due.age"];

        Assert.All(gauges, g => Assert.Empty(metrics.Observe(g)));
        flow.Advance(OptinMetrics.QueueReadInterval * 2);
        Assert.All(gauges, g => Assert.Empty(metrics.Observe(g)));

        Assert.Equal(1, store.JobQueueAsked);
        Assert.NotEmpty(await flow.JobsAsync()); // the store works: only its queue's health is missing
    }

    [Fact]
    public void OptinMetrics_HostWithAMeterFactory_CreatesItsMeterThere()
    {
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddOptinForms(Some.Section());
        using var provider = services.BuildServiceProvider();

        var meter = provider.GetRequiredService<OptinMetrics>().Meter;

        Assert.Same(provider.GetRequiredService<IMeterFactory>(), meter.Scope);
        Assert.Equal(OptinDiagnostics.Name, meter.Name);
    }
}
