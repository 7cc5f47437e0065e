using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <summary>
/// The storage seam: readers of committed data, one per concern, the worker's side of the job queue, and transactions
/// for every write.
/// </summary>
/// <remarks>
/// Every write goes through an <see cref="IOptinTransaction"/> so that a submission, its consent events and what the
/// rules schedule are committed together or not at all (invariant 3). Readers see committed data only. Implementations:
/// the in-memory store (tests, prototypes) and the EF Core stores; a host may write its own and check it with the
/// conformance suites of the Optin.Forms.Testing package.
/// </remarks>
public interface IOptinStore
{
    /// <summary>Reads contacts.</summary>
    IContactReader Contacts { get; }

    /// <summary>Reads the consent ledger.</summary>
    IConsentLedgerReader Ledger { get; }

    /// <summary>Reads submissions.</summary>
    ISubmissionReader Submissions { get; }

    /// <summary>Reads the content archive and the access log (EVD-1).</summary>
    IEvidenceArchiveReader Archive { get; }

    /// <summary>Reads the ledger's chain heads and the whole ledger, for verification and checkpoints (LEDG-1).</summary>
    /// <remarks>A store written before the chain existed does not implement it: verification then fails plainly.</remarks>
    /// <exception cref="NotSupportedException">The store keeps no hash chain.</exception>
    ILedgerChainReader Chain => throw new NotSupportedException($"{GetType().Name} keeps no hash chain of the ledger (LEDG-1).");

    /// <summary>The aggregate reads of the back office's overview: views, submissions, emails, confirmations, withdrawals.</summary>
    /// <remarks>A store written before the overview existed does not implement it: the overview then says so plainly.</remarks>
    /// <exception cref="NotSupportedException">The store keeps no statistics.</exception>
    IStatisticsReader Statistics => throw new NotSupportedException($"{GetType().Name} keeps no statistics (the back office's overview).");

    /// <summary>Claims, completes and retries jobs (enqueueing goes through a transaction).</summary>
    IJobStore Jobs { get; }

    /// <summary>The operator's side of the job queue: health, dead letters, mail failures, retry and discard.</summary>
    /// <remarks>A store written before the back office does not implement it: the jobs page then says so.</remarks>
    /// <exception cref="NotSupportedException">The store does not offer it.</exception>
    IJobQueueAdmin JobQueue => throw new NotSupportedException($"{GetType().Name} does not offer the job queue's administration.");

    /// <summary>Starts a transaction. Dispose it without <see cref="IOptinTransaction.CommitAsync"/> to roll back.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}
