namespace Optin.Forms.Jobs;

/// <summary>Where a job stands in the durable queue.</summary>
public enum JobStatus
{
    /// <summary>Waiting until it is due.</summary>
    Pending,

    /// <summary>Claimed by a worker under a lease; reclaimed by another worker when the lease expires.</summary>
    Running,

    /// <summary>Done: for a mail, the sender accepted the message (invariant 4).</summary>
    Done,

    /// <summary>Not run because it no longer applied (withdrawal, already confirmed, caps, suppression).</summary>
    Skipped,

    /// <summary>Cancelled before it ran (WD-4: withdrawal or erasure of the person).</summary>
    Cancelled,

    /// <summary>Given up after a permanent failure or too many attempts; the reason is kept.</summary>
    DeadLettered,
}
