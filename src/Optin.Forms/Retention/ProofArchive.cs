using System.Text.Json;
using Optin.Forms.Rights;
using Optin.Forms.Storage;

namespace Optin.Forms.Retention;

/// <summary>
/// Reads the intermediate archive (RET-4): the consent proofs the retention sweep kept when it erased a prospect
/// (<see cref="RetentionOptions.Archive"/>).
/// </summary>
/// <remarks>
/// The one way to read an archived proof; the web package exposes it only behind the admin policy
/// (<c>GET /optin/admin/archive/{contactId}</c>) and the command line as <c>optin archive</c>. The contact, evidence and
/// export services never read the archive, so archived data stays apart from active data (CNIL, "archivage
/// intermédiaire": restricted access, kept only for the limitation period of a claim).
/// </remarks>
public sealed class ProofArchive
{
    private readonly IOptinStore _store;

    /// <summary>Creates the service.</summary>
    public ProofArchive(IOptinStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The archived proof of an erased contact, or <see langword="null"/> when there is none (never archived, or purged).</summary>
    /// <param name="contactId">The erased contact's id (the id of its tombstone).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask<ArchivedProof?> FindAsync(Guid contactId, CancellationToken cancellationToken)
    {
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        return await tx.ArchivedProofs.FindAsync(contactId, cancellationToken);
    }

    /// <summary>
    /// Writes the archived proof of a contact as UTF-8 JSON: <c>schema</c> (<c>optin.archive/1</c>), <c>contactId</c>,
    /// <c>archivedAt</c>, <c>keepUntil</c> and <c>evidence</c>, the evidence document as it was archived.
    /// </summary>
    /// <param name="contactId">The erased contact's id.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether there is such a proof (nothing is written when there is not).</returns>
    public async Task<bool> WriteJsonAsync(Guid contactId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await FindAsync(contactId, cancellationToken) is not { } proof)
        {
            return false;
        }

        await using var writer = new Utf8JsonWriter(output, RightsJson.Options);
        writer.WriteStartObject();
        writer.WriteString("schema", "optin.archive/1");
        writer.WriteString("contactId", proof.ContactId);
        RightsJson.WriteInstant(writer, "archivedAt", proof.ArchivedAt);
        RightsJson.WriteInstant(writer, "keepUntil", proof.KeepUntil);
        writer.WritePropertyName("evidence");
        writer.WriteRawValue(proof.Document);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return true;
    }
}
