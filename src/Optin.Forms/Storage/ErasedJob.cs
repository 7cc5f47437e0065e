using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <summary>What a store keeps of a finished job when its contact is erased (DSR-5), for stores written by hosts.</summary>
/// <remarks>
/// <see cref="IContactWriter.EraseAsync"/> cancels the contact's pending jobs and rewrites each of its finished jobs
/// with <see cref="Scrub"/>: the action, status, dates and Message-ID stay (the proof that an email left), the personal
/// data in the payload and the last error go.
/// </remarks>
public static class ErasedJob
{
    /// <summary>
    /// The job as kept after its contact's erasure: the payload keeps the rule's arguments, the event type, the form and
    /// the purpose only; the last error is kept only for a cancellation (its own reason).
    /// </summary>
    /// <param name="job">A finished job of the erased contact.</param>
    /// <returns>The job to store instead.</returns>
    public static JobRecord Scrub(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job with { Payload = JobPayload.Scrub(job.Payload), LastError = JobPayload.ScrubError(job.Status, job.LastError) };
    }
}
