using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>How the durable job queue stands at one instant: what is due, running, waiting and given up.</summary>
/// <param name="Due">Pending jobs due at or before the instant (a backlog when it stays above zero).</param>
/// <param name="Scheduled">Pending jobs due later (waits, reminders, retries after a backoff).</param>
/// <param name="Running">Jobs claimed by a worker (including leases that expired and will be claimed again).</param>
/// <param name="DeadLettered">Jobs given up, kept with their reason until someone retries or discards them.</param>
/// <param name="OldestDueAt">When the oldest due job became due; <see langword="null"/> when none is due.</param>
public sealed record QueueHealth(long Due, long Scheduled, long Running, long DeadLettered, Instant? OldestDueAt)
{
    /// <summary>How long the oldest due job has been waiting at <paramref name="now"/>; <see langword="null"/> when none is due.</summary>
    public Duration? OldestDueAge(Instant now) => OldestDueAt is { } at ? now - at : null;
}
