namespace Optin.Forms.Jobs;

/// <summary>What running a job came to: done, skipped (it no longer applied) or dead-lettered (it never can run).</summary>
/// <remarks>Transient failures are exceptions, retried with backoff by the runner; outcomes are expected results.</remarks>
public sealed record JobOutcome
{
    private JobOutcome(JobStatus status, string? reason, SentEmail? email = null)
    {
        Status = status;
        Reason = reason;
        Email = email;
    }

    /// <summary><see cref="JobStatus.Done"/>, <see cref="JobStatus.Skipped"/> or <see cref="JobStatus.DeadLettered"/>.</summary>
    public JobStatus Status { get; }

    /// <summary>Why, for skipped and dead-lettered jobs (no address, no token: SEC-8).</summary>
    public string? Reason { get; }

    /// <summary>For a job that sent an email to its contact: what was sent, recorded in the ledger with the job's completion (DOI-10).</summary>
    public SentEmail? Email { get; }

    /// <summary>The job did its work.</summary>
    public static JobOutcome Done { get; } = new(JobStatus.Done, null);

    /// <summary>The job sent <paramref name="email"/> to its contact and the sender accepted it (invariant 4, DOI-10).</summary>
    public static JobOutcome Sent(SentEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return new(JobStatus.Done, null, email);
    }

    /// <summary>The job no longer applies (for example the person withdrew or already confirmed).</summary>
    public static JobOutcome Skipped(string reason) => new(JobStatus.Skipped, reason);

    /// <summary>The job can never succeed (for example a marketing mail to an unconfirmed address, DOI-1).</summary>
    public static JobOutcome DeadLetter(string reason) => new(JobStatus.DeadLettered, reason);
}
