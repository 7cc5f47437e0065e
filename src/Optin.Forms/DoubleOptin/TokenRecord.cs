using NodaTime;

namespace Optin.Forms.DoubleOptin;

/// <summary>A stored token: only the SHA-256 of its 32 random bytes is kept, never the token itself (DOI-3).</summary>
public sealed record TokenRecord
{
    /// <summary>Lower-case hex SHA-256 of the token's 32 bytes; the store's key.</summary>
    public required string Hash { get; init; }

    /// <summary>What the token is for; a token of one kind never works for another (DOI-3, WD-7).</summary>
    public required TokenKind Kind { get; init; }

    /// <summary>The contact.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>The purpose the token confirms or withdraws.</summary>
    public required string PurposeId { get; init; }

    /// <summary>The culture of the email that carried it (pages answer in it).</summary>
    public string? Culture { get; init; }

    /// <summary>The job that sent it, when a job did.</summary>
    public Guid? JobId { get; init; }

    /// <summary>When it was issued.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When it stops working.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>When it was used (or revoked); a confirmation token works once.</summary>
    public Instant? ConsumedAt { get; init; }
}
