using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>
/// The in-memory store seen through <see cref="IOptinStore"/> without <see cref="IOptinStore.JobQueue"/> (the interface's
/// default, which throws <see cref="NotSupportedException"/>): a store written before the back office.
/// </summary>
internal sealed class StoreWithoutJobQueue(InMemoryOptinStore store) : IOptinStore
{
    private readonly IOptinStore _inner = store;
    private int _jobQueueAsked;

    /// <summary>How many times <see cref="IOptinStore.JobQueue"/> was asked for.</summary>
    public int JobQueueAsked => Volatile.Read(ref _jobQueueAsked);

    public IContactReader Contacts => _inner.Contacts;

    public IConsentLedgerReader Ledger => _inner.Ledger;

    public ISubmissionReader Submissions => _inner.Submissions;

    public IEvidenceArchiveReader Archive => _inner.Archive;

    public ILedgerChainReader Chain => _inner.Chain;

    public IStatisticsReader Statistics => _inner.Statistics;

    public IJobStore Jobs => _inner.Jobs;

    IJobQueueAdmin IOptinStore.JobQueue
    {
        get
        {
            Interlocked.Increment(ref _jobQueueAsked);
            throw new NotSupportedException($"{nameof(StoreWithoutJobQueue)} does not offer the job queue's administration.");
        }
    }

    public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => _inner.BeginTransactionAsync(cancellationToken);
}
