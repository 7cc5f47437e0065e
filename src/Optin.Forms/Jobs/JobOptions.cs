using Optin.Forms.Schema;

namespace Optin.Forms.Jobs;

/// <summary>How the job worker polls, leases, runs and retries; read from <c>OptinForms:Jobs</c> or set with <c>ConfigureJobs(...)</c>.</summary>
public sealed class JobOptions
{
    /// <summary>How long the worker waits when no job was due. Default 250 ms: the fallback for jobs that fall due later
    /// (retries, reminders) or that another process queued without a wake-up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a claimed job stays leased; after it, another worker runs it again. Default 2 minutes. The runner renews
    /// the lease when less than half of it is left as a job starts, so keep it at least twice the longest a job's action
    /// can take: for SMTP, the wait for a pooled connection (up to <see cref="MaxConcurrency"/> / <c>Mail:Smtp:PoolSize</c>
    /// messages ahead) plus the send itself (<c>Mail:Smtp:CommandTimeout</c> per command at worst); else a slow server
    /// can still see a mail sent twice.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// At most how many jobs one claim takes. Default 20. The hosted worker never claims more jobs than it has free slots
    /// (<see cref="MaxConcurrency"/>), so that a claimed job starts at once rather than wait with its lease running.
    /// </summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How many jobs the worker runs at once (1 to 64). Default 8: while one message waits for the SMTP server, others
    /// are composed and recorded; the mail sender's own limit (for SMTP, <c>Mail:Smtp:PoolSize</c>) still applies.
    /// </summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Whether a commit that queues a job due now wakes the worker at once (<see cref="JobSignal"/>) rather than at its
    /// next poll. Default true; polling stays the fallback either way.
    /// </summary>
    public bool WakeOnCommit { get; set; } = true;

    /// <summary>After this many attempts a failing job is dead-lettered. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles with each attempt, with ±20 % jitter. Default 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest retry delay. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the unconfirmed sweep runs (DOI-5). Default 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The configuration path these options were read from, used in validation messages.</summary>
    internal string Path { get; set; } = "OptinForms:Jobs";

    /// <summary>Problems found while reading configuration (wrong types, unknown keys), reported by validation.</summary>
    internal List<ConfigurationProblem> ReadProblems { get; } = [];
}
