using NodaTime;

namespace Optin.Forms.Consent;

/// <summary>
/// One entry of the content-addressed archive (EVD-1): the exact content a ledger hash stands for, so that every hash
/// in the ledger can be turned back into the text, box, form, email or notice it was computed from.
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Content"/> in UTF-8: the key.</param>
/// <param name="Kind">What it is (see <see cref="ContentKinds"/>).</param>
/// <param name="MediaType">Its media type (<c>text/plain</c>, <c>text/html</c>, <c>application/json</c>, <c>message/rfc822</c>).</param>
/// <param name="Content">The content, exactly as hashed.</param>
/// <param name="StoredAt">When it was first stored; a later insert of the same content keeps the first.</param>
public sealed record ArchivedContent(string Sha256, string Kind, string MediaType, string Content, Instant StoredAt)
{
    /// <summary>Creates an entry for <paramref name="content"/>, computing its key.</summary>
    public static ArchivedContent Of(string kind, string mediaType, string content, Instant storedAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(Schema.Hashing.Sha256Hex(content), kind, mediaType, content, storedAt);
    }

    /// <summary>Whether <see cref="Content"/> still hashes to <see cref="Sha256"/>.</summary>
    public bool Verifies() => string.Equals(ContentArchive.HashOf(Content), Sha256, StringComparison.OrdinalIgnoreCase);
}
