using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Optin.Forms.Consent;

/// <summary>
/// The hash chain of the consent ledger (LEDG-1): each entry's <see cref="ConsentEvent.Hash"/> is the SHA-256 of its
/// canonical form, which ends with the hash of the same contact's previous entry.
/// </summary>
/// <remarks>
/// The canonical form (version 1, documented in <c>docs/ledger-chain.md</c>) is UTF-8 text: the line
/// <c>optin-ledger-chain/1</c>, then one line per field of <see cref="CanonicalFields"/> in that order, then the line
/// <c>previous_hash=…</c>. A field's line is <c>name=-</c> when the value is null, otherwise <c>name=N:value</c> where N
/// is the value's length in UTF-8 bytes, so no value can be mistaken for another whatever it contains. Every field of
/// the entry is included except the store-assigned <see cref="ConsentEvent.Sequence"/> and the hash itself: the order
/// is the chain, not the sequence. A store computes the hash in the same transaction as the append and keeps each
/// contact's head (last hash and length), so that verification also sees an entry removed from the end.
/// </remarks>
public static class LedgerChain
{
    /// <summary>The previous hash of a contact's first entry: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The first line of the canonical form; a new version of the form gets a new line.</summary>
    public const string FormatVersion = "optin-ledger-chain/1";

    /// <summary>The first line of a checkpoint's digested text (see <see cref="CheckpointDigest"/>).</summary>
    public const string CheckpointVersion = "optin-ledger-checkpoint/1";

    /// <summary>
    /// THE list of the entry's fields in the canonical form, in order, with their text. New fields of
    /// <see cref="ConsentEvent"/> are added here (at the end, the version line changed when the form changes), and
    /// nowhere else; a test checks that every property but the sequence and the chain's own fields is listed.
    /// </summary>
    internal static readonly (string Name, Func<ConsentEvent, CanonicalValue> Value)[] CanonicalFields =
    [
        ("id", e => e.Id),
        ("contact_id", e => e.ContactId),
        ("kind", e => (int)e.Kind),
        ("state", e => (int)e.State),
        ("method", e => (int)e.Method),
        ("occurred_at", e => e.OccurredAt.ToUnixTimeMilliseconds()),
        ("purpose_id", e => e.PurposeId),
        ("purpose_version", e => e.PurposeVersion),
        ("form_id", e => e.FormId),
        ("form_version", e => e.FormVersion),
        ("submission_id", e => e.SubmissionId),
        ("consent_text", e => e.ConsentText),
        ("consent_text_sha256", e => e.ConsentTextSha256),
        ("purpose_text", e => e.PurposeText),
        ("purpose_text_sha256", e => e.PurposeTextSha256),
        ("privacy_notice", e => e.PrivacyNotice),
        ("controller", e => e.Controller),
        ("culture", e => e.Culture),
        ("source_url", e => e.SourceUrl),
        ("ip_address", e => e.IpAddress),
        ("user_agent", e => e.UserAgent),
        ("actor", e => e.Actor),
        ("reason", e => e.Reason),
        ("legal_basis", e => e.LegalBasis),
        ("template_id", e => e.TemplateId),
        ("template_sha256", e => e.TemplateSha256),
        ("message_id", e => e.MessageId),
        ("address", e => e.Address),
        ("previous_address", e => e.PreviousAddress),
        ("form_sha256", e => e.FormSha256),
        ("consent_box_sha256", e => e.ConsentBoxSha256),
        ("privacy_notice_sha256", e => e.PrivacyNoticeSha256),
        ("email_sha256", e => e.EmailSha256),
    ];

    /// <summary>The names of the canonical fields, in order (the documentation lists the same).</summary>
    public static IReadOnlyList<string> CanonicalFieldNames { get; } = [.. CanonicalFields.Select(f => f.Name)];

    /// <summary>The canonical form of <paramref name="entry"/> chained to <paramref name="previousHash"/>, as UTF-8 bytes.</summary>
    /// <param name="entry">The entry; its sequence and chain fields are ignored.</param>
    /// <param name="previousHash">The hash of the contact's previous entry, or <see cref="Genesis"/>.</param>
    /// <returns>The bytes that are hashed.</returns>
    public static byte[] CanonicalForm(ConsentEvent entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        var buffer = CanonicalBuffer.Rent();
        try
        {
            buffer.Write(entry, previousHash);
            return buffer.Written.ToArray();
        }
        finally
        {
            CanonicalBuffer.Return(buffer);
        }
    }

    /// <summary>The hash of <paramref name="entry"/> chained to <paramref name="previousHash"/>: lower-case hex SHA-256.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="previousHash">The hash of the contact's previous entry, or <see cref="Genesis"/>.</param>
    /// <returns>64 lower-case hex digits.</returns>
    /// <remarks>Allocates only the returned text: the canonical form is written into a per-thread buffer.</remarks>
    public static string ComputeHash(ConsentEvent entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        var buffer = CanonicalBuffer.Rent();
        try
        {
            buffer.Write(entry, previousHash);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.Written, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            CanonicalBuffer.Return(buffer);
        }
    }

    /// <summary>The entry with its chain fields set, as a store appends it after <paramref name="previousHash"/>.</summary>
    /// <param name="entry">The entry to append.</param>
    /// <param name="previousHash">The contact's head hash, or <see cref="Genesis"/>.</param>
    /// <returns>The entry with <see cref="ConsentEvent.PreviousHash"/> and <see cref="ConsentEvent.Hash"/> set.</returns>
    public static ConsentEvent Link(ConsentEvent entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with { PreviousHash = previousHash, Hash = ComputeHash(entry, previousHash) };
    }

    /// <summary>
    /// The digest of a checkpoint: lower-case hex SHA-256 of the UTF-8 text <c>optin-ledger-checkpoint/1</c> followed by
    /// one line <c>contactId:length:hash</c> per head, contact ids as lower-case 36-character text in ordinal order.
    /// </summary>
    /// <param name="heads">Every chain head, in any order.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string CheckpointDigest(IEnumerable<ChainHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var text = new StringBuilder().Append(CheckpointVersion).Append('\n');
        foreach (var head in heads.Select(h => (Id: Id(h.ContactId), h)).OrderBy(h => h.Id, StringComparer.Ordinal))
        {
            text.Append(head.Id).Append(':').Append(Number(head.h.Length)).Append(':').Append(head.h.Hash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
