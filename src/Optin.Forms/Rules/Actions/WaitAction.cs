using Optin.Forms.Jobs;

namespace Optin.Forms.Rules.Actions;

/// <summary>Delays the actions after it; the rule engine applies it when it schedules, so it never runs as a job.</summary>
internal sealed class WaitAction : RuleAction<WaitArgs>
{
    protected override ValueTask<JobOutcome> ExecuteAsync(JobContext context, WaitArgs args, CancellationToken cancellationToken) =>
        ValueTask.FromResult(JobOutcome.Done);
}
