namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A stored token, keyed by its hash (the token itself is never stored).</summary>
internal sealed class TokenEntity
{
    public string Hash { get; set; } = "";

    public int Kind { get; set; }

    public Guid ContactId { get; set; }

    public string PurposeId { get; set; } = "";

    /// <summary>The purpose id in lower case (invariant), for case-insensitive revocation.</summary>
    public string PurposeKey { get; set; } = "";

    /// <summary>
    /// The token's other purposes (a confirmation of several), each between single spaces (" a b "), so that revocation
    /// finds a purpose with one LIKE-free substring test; null for a token of one purpose.
    /// </summary>
    public string? OtherPurposeIds { get; set; }

    public string? Culture { get; set; }

    public Guid? JobId { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? ConsumedAt { get; set; }
}
