namespace Optin.Forms.Storage;

/// <summary>
/// The storage seam: readers for contacts, the consent ledger and submissions, and transactions for every write.
/// </summary>
/// <remarks>
/// Every write goes through an <see cref="IOptinTransaction"/> so that a submission, its consent events and what the
/// rules schedule are committed together or not at all (invariant 3). Implementations: the in-memory store (tests,
/// prototypes) and the EF Core stores.
/// </remarks>
public partial interface IOptinStore
{
    /// <summary>Reads contacts.</summary>
    IContactReader Contacts { get; }

    /// <summary>Reads the consent ledger.</summary>
    IConsentLedgerReader Ledger { get; }

    /// <summary>Reads submissions.</summary>
    ISubmissionReader Submissions { get; }

    /// <summary>Starts a transaction. Dispose it without <see cref="IOptinTransaction.CommitAsync"/> to roll back.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}
