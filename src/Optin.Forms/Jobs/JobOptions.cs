namespace Optin.Forms.Jobs;

/// <summary>How the job worker polls, leases and retries.</summary>
public sealed class JobOptions
{
    /// <summary>How long the worker waits when no job was due. Default 250 ms, so a confirmation email leaves within a second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a claimed job stays leased; after it, another worker runs it again. Default 2 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many jobs one batch claims. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>After this many attempts a failing job is dead-lettered. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; it doubles with each attempt, with ±20 % jitter. Default 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest retry delay. Default 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the unconfirmed sweep runs (DOI-5). Default 1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
