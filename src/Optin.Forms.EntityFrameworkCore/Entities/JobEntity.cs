namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A queued job; <see cref="Position"/> (identity) keeps creation order, the tie-break between jobs due together.</summary>
internal sealed class JobEntity
{
    public long Position { get; set; }

    public Guid Id { get; set; }

    public string Action { get; set; } = "";

    public string? RuleName { get; set; }

    public Guid? ContactId { get; set; }

    public string? PurposeId { get; set; }

    /// <summary>The purpose id in lower case (invariant), for case-insensitive cancellation.</summary>
    public string? PurposeKey { get; set; }

    public string Payload { get; set; } = "{}";

    public string? MessageId { get; set; }

    public long CreatedAt { get; set; }

    public long DueAt { get; set; }

    public int Status { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public long? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public long? FinishedAt { get; set; }

    /// <summary>#15 item B (Access): who the job discloses the person's data to (GDPR Art. 19); see <c>JobRecord.Recipient</c>.</summary>
    public string? Recipient { get; set; }

    /// <summary>The W3C traceparent of the activity that queued the job (issue #17, tracing); see <c>JobRecord.TraceParent</c>.</summary>
    public string? TraceParent { get; set; }
}
