using System.Collections.Immutable;
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

    /// <summary>The purpose the token confirms or withdraws (the first one, for a confirmation of several).</summary>
    public required string PurposeId { get; init; }

    /// <summary>
    /// The other purposes a confirmation token confirms with <see cref="PurposeId"/>: one double opt-in email confirms
    /// every purpose ticked in one submission. Empty for a token of one purpose (every token issued before).
    /// </summary>
    /// <remarks>A store keeps them with the token and revokes the token when any of its purposes is revoked.</remarks>
    public ImmutableArray<string> OtherPurposeIds { get; init; } = [];

    /// <summary>Every purpose the token stands for: <see cref="PurposeId"/>, then <see cref="OtherPurposeIds"/>.</summary>
    public IReadOnlyList<string> PurposeIds => OtherPurposeIds.IsDefaultOrEmpty ? [PurposeId] : [PurposeId, .. OtherPurposeIds];

    /// <summary>Whether the token stands for <paramref name="purposeId"/> (compared without case).</summary>
    /// <param name="purposeId">The purpose.</param>
    public bool StandsFor(string purposeId) =>
        string.Equals(PurposeId, purposeId, StringComparison.OrdinalIgnoreCase)
        || (!OtherPurposeIds.IsDefaultOrEmpty && OtherPurposeIds.Contains(purposeId, StringComparer.OrdinalIgnoreCase));

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
