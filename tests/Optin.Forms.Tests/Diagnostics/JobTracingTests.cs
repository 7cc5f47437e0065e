using System.Diagnostics;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Diagnostics;

/// <summary>A job's trace links to the submission that queued it, through the trace context stored with the job.</summary>
public sealed class JobTracingTests : IDisposable
{
    private const string TestSource = "Optin.Forms.Tests.Tracing";
    private static readonly ActivitySource Test = new(TestSource);
    private readonly ActivityListener _listener;
    private readonly List<Activity> _stopped = [];

    public JobTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OptinDiagnostics.Name or TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task RunDueJobsAsync_JobQueuedBySubmission_RunsInItsOwnTraceLinkedToTheSubmission()
    {
        using var flow = Flow.Start();
        ActivityTraceId request;
        using (var outer = Test.StartActivity("POST /optin/forms/newsletter"))
        {
            request = outer!.TraceId;
            await flow.SubmitAsync();
        }

        var submission = Stopped(a => a.OperationName == "optin.forms.submission" && a.TraceId == request);
        var job = Assert.Single(await flow.JobsAsync(), j => j.Action == DoubleOptinRequestService.Action && j.DueAt <= flow.Clock.GetCurrentInstant());
        Assert.Equal(submission.Id, job.TraceParent);

        await flow.RunAsync();

        var run = Stopped(a => a.OperationName == "optin.forms.job" && a.Links.Any(l => l.Context.TraceId == request));
        var link = Assert.Single(run.Links);
        Assert.Equal((submission.TraceId, submission.SpanId), (link.Context.TraceId, link.Context.SpanId));
        Assert.NotEqual(request, run.TraceId); // a trace of its own: the job runs later, apart from the request
        Assert.Equal(DoubleOptinRequestService.Action, run.GetTagItem(OptinMetrics.ActionTag));
    }

    public void Dispose() => _listener.Dispose();

    private Activity Stopped(Func<Activity, bool> match)
    {
        lock (_stopped)
        {
            return Assert.Single(_stopped, a => match(a));
        }
    }
}
