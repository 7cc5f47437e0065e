namespace Optin.Forms.Storage;

/// <summary>
/// One atomic unit of writes, in parts that each hold one concern (<see cref="Contacts"/>, <see cref="Ledger"/>,
/// <see cref="Jobs"/>…). Reads inside it see its own writes; nothing is visible to others before
/// <see cref="CommitAsync"/>, and disposing without committing discards everything.
/// </summary>
/// <remarks>
/// A store implementer guarantees that every write made through any part of one transaction commits together or not
/// at all (invariant 3: a submission, its consent events and the jobs its rules schedule), that a part may be read
/// again after a write and sees it, and that <see cref="IAsyncDisposable.DisposeAsync"/> without a commit rolls every
/// part back. The parts may be the transaction object itself (explicit interface implementations) or small objects
/// that share its connection. A part is only valid while its transaction is open.
/// </remarks>
public interface IOptinTransaction : IAsyncDisposable
{
    /// <summary>Contacts: find, save, bulk opt-in changes and erasure.</summary>
    IContactWriter Contacts { get; }

    /// <summary>The append-only consent ledger.</summary>
    IConsentLedgerWriter Ledger { get; }

    /// <summary>The content archive and the access log of evidence reads (EVD-1).</summary>
    IEvidenceArchiveWriter Archive { get; }

    /// <summary>Submissions.</summary>
    ISubmissionWriter Submissions { get; }

    /// <summary>The job queue (the outbox): enqueue, cancel, and complete in the same transaction as a ledger entry.</summary>
    IJobWriter Jobs { get; }

    /// <summary>Confirmation and unsubscribe tokens (stored as hashes).</summary>
    ITokenWriter Tokens { get; }

    /// <summary>The suppression list of address hashes.</summary>
    ISuppressionWriter Suppression { get; }

    /// <summary>Expiring counters (send caps, rate limits).</summary>
    ICounterWriter Counters { get; }

    /// <summary>Write-once settings the engine keeps in the store.</summary>
    ISettingWriter Settings { get; }

    /// <summary>The intermediate archive of consent proofs (RET-4).</summary>
    IArchivedProofWriter ArchivedProofs { get; }

    /// <summary>The purges of what the library keeps about its own work: finished jobs and erasure tombstones (RET-4).</summary>
    IRetentionWriter Retention { get; }

    /// <summary>The daily view counts (counting without tracking: aggregates only, no per-view row).</summary>
    /// <remarks>A store written before view counting existed does not implement it: views are then not counted.</remarks>
    /// <exception cref="NotSupportedException">The store keeps no view counts.</exception>
    IViewCountWriter Views => throw new NotSupportedException($"{GetType().Name} keeps no view counts.");

    /// <summary>Commits every write of the transaction, made through any of its parts, atomically.</summary>
    /// <param name="cancellationToken">Cancels the operation; a cancelled commit commits nothing.</param>
    /// <exception cref="InvalidOperationException">The transaction was already committed.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}
