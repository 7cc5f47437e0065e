using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Optin.Forms.Consent;

/// <summary>
/// A checkpoint of the ledger (LEDG-1): every chain head and one digest over them (<see cref="LedgerChain.CheckpointDigest"/>),
/// to be kept outside the database. Verifying against it later proves that nothing before it changed.
/// </summary>
public sealed record LedgerCheckpoint
{
    /// <summary>When the checkpoint was taken.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>The digest over <see cref="Heads"/>.</summary>
    public required string Digest { get; init; }

    /// <summary>Every chain head at <see cref="CreatedAt"/>, in contact id order.</summary>
    public required IReadOnlyList<ChainHead> Heads { get; init; }

    /// <summary>Takes a checkpoint of <paramref name="heads"/>.</summary>
    /// <param name="heads">Every chain head.</param>
    /// <param name="at">Now.</param>
    /// <returns>The checkpoint.</returns>
    public static LedgerCheckpoint Of(IEnumerable<ChainHead> heads, Instant at)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var sorted = heads.OrderBy(h => h.ContactId.ToString("D"), StringComparer.Ordinal).ToList();
        return new LedgerCheckpoint { CreatedAt = at, Digest = LedgerChain.CheckpointDigest(sorted), Heads = sorted };
    }

    /// <summary>Writes the checkpoint as JSON: <c>format</c>, <c>createdAt</c>, <c>count</c>, <c>digest</c>, <c>heads</c>.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    public async Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", LedgerChain.CheckpointVersion);
        w.WriteString("createdAt", InstantPattern.ExtendedIso.Format(CreatedAt));
        w.WriteNumber("count", Heads.Count);
        w.WriteString("digest", Digest);
        w.WriteStartArray("heads");
        foreach (var head in Heads)
        {
            w.WriteStartObject();
            w.WriteString("contactId", head.ContactId);
            w.WriteNumber("length", head.Length);
            w.WriteString("hash", head.Hash);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken);
    }

    /// <summary>Reads a checkpoint written by <see cref="WriteJsonAsync"/> and checks its digest.</summary>
    /// <param name="stream">The JSON.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The file is not a checkpoint, or its digest does not match its heads.</exception>
    public static async Task<LedgerCheckpoint> ReadJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != LedgerChain.CheckpointVersion)
            {
                throw new FormatException($"Not a checkpoint of format {LedgerChain.CheckpointVersion}.");
            }

            var heads = root.GetProperty("heads").EnumerateArray()
                .Select(h => new ChainHead(h.GetProperty("contactId").GetGuid(), h.GetProperty("hash").GetString()!, h.GetProperty("length").GetInt64()))
                .ToList();
            var createdAt = InstantPattern.ExtendedIso.Parse(root.GetProperty("createdAt").GetString()!).GetValueOrThrow();
            var checkpoint = Of(heads, createdAt);
            if (checkpoint.Digest != root.GetProperty("digest").GetString())
            {
                throw new FormatException("The checkpoint's digest does not match its heads: the file was changed.");
            }

            return checkpoint;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or UnparsableValueException)
        {
            throw new FormatException($"Not a readable checkpoint: {ex.Message}", ex);
        }
    }
}
