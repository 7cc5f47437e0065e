using NodaTime;

namespace Optin.Forms.Retention;

/// <summary>
/// The consent proof of an erased prospect, kept in the intermediate archive (CNIL "archivage intermédiaire",
/// <see cref="RetentionOptions.Archive"/>), apart from active data, until <see cref="KeepUntil"/> (RET-4).
/// </summary>
/// <remarks>
/// Written by the retention sweep in the transaction that erases the profile; read only through
/// <see cref="ProofArchive"/> (the admin endpoint and the <c>optin archive</c> command), never by the contact or evidence
/// services; deleted by the sweep once <see cref="KeepUntil"/> has passed.
/// </remarks>
/// <param name="ContactId">The erased contact (its tombstone in the ledger carries the same id).</param>
/// <param name="ArchivedAt">When the profile was erased and the proof archived.</param>
/// <param name="KeepUntil">When the proof is purged (<see cref="ArchivedAt"/> + <see cref="RetentionOptions.ArchivePeriod"/>).</param>
/// <param name="Document">The evidence document as JSON (schema <c>optin.evidence/1</c>): the ledger entries and the
/// submissions' metadata, written by <see cref="Rights.EvidenceService.WriteJsonAsync"/>.</param>
public sealed record ArchivedProof(Guid ContactId, Instant ArchivedAt, Instant KeepUntil, string Document);
