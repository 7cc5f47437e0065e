namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A stored submission; values and consents are JSON, since nothing queries inside them.</summary>
internal sealed class SubmissionEntity
{
    public Guid Id { get; set; }

    public string FormId { get; set; } = "";

    public string FormVersion { get; set; } = "";

    public Guid ContactId { get; set; }

    public long ReceivedAt { get; set; }

    public string Culture { get; set; } = "";

    public string ValuesJson { get; set; } = "{}";

    public string ConsentsGivenJson { get; set; } = "[]";

    public string? SourceUrl { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
