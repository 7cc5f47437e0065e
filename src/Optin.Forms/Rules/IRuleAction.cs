using Optin.Forms.Jobs;

namespace Optin.Forms.Rules;

/// <summary>
/// An action a rule can name in <c>Then</c>. It runs later, as a job (never inside the request). Register one with
/// <c>AddAction&lt;T&gt;()</c>; its name is the class name without the <c>Action</c> suffix.
/// </summary>
/// <remarks>Derive from <see cref="RuleAction{TArgs}"/> to get typed arguments, bound and checked at start.</remarks>
public interface IRuleAction
{
    /// <summary>The type its <c>Args</c> bind to (public settable properties; <c>[Required]</c> ones must be given).</summary>
    Type ArgsType { get; }

    /// <summary>Runs the job.</summary>
    /// <returns>Done, skipped or dead-lettered; throw for a transient failure (the runner retries with backoff).</returns>
    ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}
