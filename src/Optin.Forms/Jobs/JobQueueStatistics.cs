using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>How the job queue stands at one instant: what the metrics and the worker's health check read.</summary>
/// <param name="Due">Pending jobs due at or before that instant, not yet claimed (the queue's depth).</param>
/// <param name="Running">Jobs claimed by a worker, under a lease (whether or not the lease has run out).</param>
/// <param name="DeadLettered">Jobs given up on, kept with their reason until someone retries or discards them.</param>
/// <param name="OldestDueAt">When the oldest of the <paramref name="Due"/> jobs fell due; <see langword="null"/> when none is due.</param>
public sealed record JobQueueStatistics(long Due, long Running, long DeadLettered, Instant? OldestDueAt)
{
    /// <summary>An empty queue.</summary>
    public static JobQueueStatistics Empty { get; } = new(0, 0, 0, null);
}
