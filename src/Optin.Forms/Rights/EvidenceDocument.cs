using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <summary>
/// The evidence chain for one person (DOI-10): each submission, the ledger in order (consents given with the exact
/// texts and their hashes, each email sent with its template id, template hash and Message-ID, confirmations,
/// withdrawals, manual and bulk changes with actor and reason).
/// </summary>
public sealed record EvidenceDocument
{
    /// <summary>The <c>schema</c> value of the JSON form.</summary>
    public const string SchemaId = "optin.evidence/1";

    /// <summary>The contact.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The contact's current address.</summary>
    public required string Email { get; init; }

    /// <summary>When the contact was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the document was produced.</summary>
    public required Instant GeneratedAt { get; init; }

    /// <summary>Whether processing is restricted (GDPR Art. 18).</summary>
    public bool ProcessingRestricted { get; init; }

    /// <summary>The person's submissions, oldest first (their proof of origin; field values are in the DSR-1 export).</summary>
    public required IReadOnlyList<SubmissionRecord> Submissions { get; init; }

    /// <summary>The ledger entries, in the order they were appended.</summary>
    public required IReadOnlyList<ConsentEvent> Events { get; init; }

    /// <summary>The archived content behind the hashes of <see cref="Events"/> (EVD-1), each once, in first-seen order.</summary>
    public IReadOnlyList<ArchivedContent> Contents { get; init; } = [];
}
