using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.Consent;

/// <summary>Writes what a ledger entry's hashes stand for into the content archive, with the entry's transaction (EVD-1).</summary>
public static class ContentArchive
{
    /// <summary>What replaces each link secret (token) in an archived email: the email is kept as sent, minus the secret.</summary>
    public const string TokenPlaceholder = "{{optin-token}}";

    /// <summary>Archives <paramref name="content"/> (insert-if-absent) and returns its SHA-256; null content stores nothing.</summary>
    internal static async ValueTask<string?> AddAsync(IOptinTransaction tx, string kind, string mediaType, string? content, Instant at,
        CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        // The catalog's texts, the form definition's JSON and the rendered boxes are the same string instances post after
        // post: each is hashed once (a post must not pay five SHA-256 for what it archived already).
        var sha256 = Hashes.GetValue(content, static c => Schema.Hashing.Sha256Hex(c));
        if (tx.Archive is IArchivedContentProbe probe && probe.HoldsContent(sha256))
        {
            // Insert-if-absent of what is there already: the store would keep its first entry; no entry built per post.
            return sha256;
        }

        await tx.Archive.AddContentAsync(new ArchivedContent(sha256, kind, mediaType, content, at), cancellationToken);
        return sha256;
    }

    /// <summary>
    /// The email as the archive keeps it: subject, HTML and text bodies, each link secret replaced by
    /// <see cref="TokenPlaceholder"/>; the recipient stays in the ledger entry (<see cref="ConsentEvent.Address"/>), not here.
    /// </summary>
    /// <summary>The SHA-256 of <paramref name="content"/> when this process hashed that very instance already, else computed.</summary>
    internal static string HashOf(string content) =>
        Hashes.TryGetValue(content, out var known) ? known : Schema.Hashing.Sha256Hex(content);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> Hashes = [];

    internal static string Email(string subject, string html, string text, IEnumerable<string?> secrets)
    {
        var content = $"Subject: {subject}\n\n--- text/html ---\n{html}\n--- text/plain ---\n{text}\n";
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                content = content.Replace(secret, TokenPlaceholder, StringComparison.Ordinal)
                    .Replace(Uri.EscapeDataString(secret), TokenPlaceholder, StringComparison.Ordinal);
            }
        }

        return content;
    }
}

/// <summary>
/// A store's archive writer that can tell, in its transaction's view, whether it holds a content already (a lower-case
/// SHA-256): <see cref="ContentArchive"/> then skips the insert-if-absent and the entry it would build for it.
/// </summary>
internal interface IArchivedContentProbe
{
    bool HoldsContent(string sha256);
}
