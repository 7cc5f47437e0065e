using Optin.Forms.Jobs;

namespace Optin.Forms.Rules;

/// <summary>A rule action with typed arguments.</summary>
/// <typeparam name="TArgs">The arguments: public settable properties of text, number, boolean, duration or enum type.</typeparam>
public abstract class RuleAction<TArgs> : IRuleAction
    where TArgs : class, new()
{
    /// <inheritdoc />
    public Type ArgsType => typeof(TArgs);

    /// <inheritdoc />
    public ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = (TArgs?)ArgsBinder.Bind(typeof(TArgs), context.Args, "Args", problems: null);
        return args is null
            ? ValueTask.FromResult(JobOutcome.DeadLetter("The job's arguments no longer bind to the action."))
            : ExecuteAsync(context, args, cancellationToken);
    }

    /// <summary>Runs the job with bound arguments.</summary>
    protected abstract ValueTask<JobOutcome> ExecuteAsync(JobContext context, TArgs args, CancellationToken cancellationToken);
}
