namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>One ledger row; <see cref="Sequence"/> is an identity column, so the database orders appends.</summary>
internal sealed class ConsentEventEntity
{
    public long Sequence { get; set; }

    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public int Kind { get; set; }

    public int State { get; set; }

    public int Method { get; set; }

    public long OccurredAt { get; set; }

    public string PurposeId { get; set; } = "";

    public string? PurposeVersion { get; set; }

    public string? FormId { get; set; }

    public string? FormVersion { get; set; }

    public Guid? SubmissionId { get; set; }

    public string? ConsentText { get; set; }

    public string? ConsentTextSha256 { get; set; }

    public string? PurposeText { get; set; }

    public string? PurposeTextSha256 { get; set; }

    public string? PrivacyNotice { get; set; }

    public string? Controller { get; set; }

    public string? Culture { get; set; }

    public string? SourceUrl { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string? Actor { get; set; }

    public string? Reason { get; set; }

    public string? LegalBasis { get; set; }

    public string? TemplateId { get; set; }

    public string? TemplateSha256 { get; set; }

    public string? MessageId { get; set; }

    // EVD-1: addresses and content hashes.
    public string? Address { get; set; }

    public string? PreviousAddress { get; set; }

    public string? FormSha256 { get; set; }

    public string? ConsentBoxSha256 { get; set; }

    public string? PrivacyNoticeSha256 { get; set; }

    public string? EmailSha256 { get; set; }

    // LEDG-1 (hash chain)

    public string? Hash { get; set; }

    public string? PreviousHash { get; set; }
}
