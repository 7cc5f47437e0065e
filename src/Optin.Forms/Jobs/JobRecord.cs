using NodaTime;

namespace Optin.Forms.Jobs;

/// <summary>One action to run later, stored in the durable queue; plain data so that every store can keep it.</summary>
/// <remarks>
/// Enqueued in the same transaction as the event that caused it (invariant 3). The Message-ID of the mail it sends is
/// fixed here, when the job is created, so that a retry sends the same message (invariant 4).
/// </remarks>
public sealed record JobRecord
{
    /// <summary>The job's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The action to run, by name (for example <c>SendDoubleOptinEmail</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The rule that scheduled the job, when a rule did.</summary>
    public string? RuleName { get; init; }

    /// <summary>The contact the job is about, when there is one; withdrawal and erasure cancel by contact (WD-4).</summary>
    public Guid? ContactId { get; init; }

    /// <summary>The purpose the job is about, when there is one; withdrawal cancels by contact and purpose (WD-4).</summary>
    public string? PurposeId { get; init; }

    /// <summary>The action's arguments and the event's data, as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>The Message-ID of the mail this job sends, fixed at creation; <see langword="null"/> for other actions.</summary>
    public string? MessageId { get; init; }

    /// <summary>When the job was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the job is due (or, after a failure, when it is retried).</summary>
    public required Instant DueAt { get; init; }

    /// <summary>Where the job stands.</summary>
    public JobStatus Status { get; init; } = JobStatus.Pending;

    /// <summary>How many times a worker claimed the job.</summary>
    public int Attempts { get; init; }

    /// <summary>The worker holding the lease while <see cref="JobStatus.Running"/>.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease ends; after it, another worker may claim the job again.</summary>
    public Instant? LeaseExpiresAt { get; init; }

    /// <summary>The last failure, or why the job was skipped, cancelled or dead-lettered (no address, no token: SEC-8).</summary>
    public string? LastError { get; init; }

    /// <summary>When the job reached a final status.</summary>
    public Instant? FinishedAt { get; init; }

    // #15 item B (Access): the recipient outside the controller, for the Art. 19 list of an erasure.

    /// <summary>
    /// Who the job discloses the person's data to, outside the controller: the fixed address of an email action (for
    /// example the sales team's notification) or the origin (scheme, host, port) of a webhook; <see langword="null"/> for
    /// a job that writes to the person themself or to nobody. Read from the job history when the person's data is
    /// erased, so that the controller can tell each recipient (GDPR Art. 19).
    /// </summary>
    /// <remarks>A webhook is kept by its origin only: its path or query often holds a secret.</remarks>
    public string? Recipient { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the activity that queued the job (for example the submission's), or
    /// <see langword="null"/> when none was recorded: the worker's activity for the job links to it, so that a trace tool
    /// goes from a job to the request that caused it.
    /// </summary>
    /// <remarks>Ids and flags only: no personal data. Set when the job is created, kept as it is on retries.</remarks>
    public string? TraceParent { get; init; }
}
