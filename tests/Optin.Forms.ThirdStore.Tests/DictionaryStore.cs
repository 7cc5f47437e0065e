using System.Runtime.CompilerServices;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>
/// A minimal store written only against the public seams: dictionaries, one writer at a time, copy-on-write commits.
/// It is what a host writing its own store (MongoDB, Marten, an in-house database) starts from.
/// </summary>
/// <remarks>
/// Transactions are serialised by one semaphore, held from <see cref="BeginTransactionAsync"/> until the transaction is
/// disposed; the worker's queue operations take it too. A writer works on a copy of the tables and publishes it at
/// commit, so readers see committed data only and never half a transaction.
/// </remarks>
internal sealed partial class DictionaryStore : IOptinStore, IContactReader, IConsentLedgerReader, ISubmissionReader, IEvidenceArchiveReader,
    ILedgerChainReader, IJobStore, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private DictionaryTables _committed = new();

    public IContactReader Contacts => this;

    public IConsentLedgerReader Ledger => this;

    public ISubmissionReader Submissions => this;

    public IEvidenceArchiveReader Archive => this;

    public ILedgerChainReader Chain => this;

    public IJobStore Jobs => this;

    /// <summary>The committed tables (never changed once published).</summary>
    internal DictionaryTables Committed => Volatile.Read(ref _committed);

    public async ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new DictionaryTransaction(Committed.Copy(), Publish, () => _writer.Release());
    }

    /// <summary>Changes the committed tables outside a transaction (the tests' tampering with the ledger).</summary>
    internal void Change(Action<DictionaryTables> change)
    {
        var copy = Committed.Copy();
        change(copy);
        Publish(copy);
    }

    public void Dispose() => _writer.Dispose();

    private void Publish(DictionaryTables tables) => Volatile.Write(ref _committed, tables);

    // Contacts

    ValueTask<Contact?> IContactReader.FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.Contacts.GetValueOrDefault(contactId));

    ValueTask<Contact?> IContactReader.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.Contacts.Values.FirstOrDefault(c => c.EmailKey == emailKey));

    IAsyncEnumerable<Contact> IContactReader.QueryAsync(ContactQuery query, CancellationToken cancellationToken) =>
        Stream(Committed.Contacts.Values.Where(query.Matches).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id), cancellationToken);

    ValueTask<long> IContactReader.CountAsync(ContactQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult((long)Committed.Contacts.Values.Count(query.Matches));

    // The ledger and its chains

    IAsyncEnumerable<ConsentEvent> IConsentLedgerReader.ReadAsync(Guid contactId, CancellationToken cancellationToken) =>
        Stream(Committed.Ledger.Where(e => e.ContactId == contactId), cancellationToken);

    IAsyncEnumerable<ChainHead> ILedgerChainReader.ReadHeadsAsync(CancellationToken cancellationToken) =>
        Stream(Committed.ChainHeads.Values, cancellationToken);

    ValueTask<ChainHead?> ILedgerChainReader.FindHeadAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.ChainHeads.GetValueOrDefault(contactId));

    IAsyncEnumerable<ConsentEvent> ILedgerChainReader.ReadAllAsync(CancellationToken cancellationToken) =>
        Stream(Committed.Ledger.OrderBy(e => e.ContactId).ThenBy(e => e.Sequence), cancellationToken);

    // Submissions

    ValueTask<SubmissionRecord?> ISubmissionReader.FindAsync(Guid submissionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.Submissions.GetValueOrDefault(submissionId));

    IAsyncEnumerable<SubmissionRecord> ISubmissionReader.ListByContactAsync(Guid contactId, CancellationToken cancellationToken) =>
        Stream(Committed.Submissions.Values.Where(s => s.ContactId == contactId).OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id), cancellationToken);

    IAsyncEnumerable<SubmissionRecord> ISubmissionReader.ListByFormAsync(string formId, int offset, int limit, CancellationToken cancellationToken) =>
        Stream(Committed.Submissions.Values.Where(s => s.FormId == formId).OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id)
            .Skip(offset).Take(limit), cancellationToken);

    ValueTask<long> ISubmissionReader.CountByFormAsync(string formId, CancellationToken cancellationToken) =>
        ValueTask.FromResult((long)Committed.Submissions.Values.Count(s => s.FormId == formId));

    // Evidence

    ValueTask<ArchivedContent?> IEvidenceArchiveReader.FindContentAsync(string sha256, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.Content.GetValueOrDefault(sha256.ToLowerInvariant()));

    IAsyncEnumerable<EvidenceAccess> IEvidenceArchiveReader.ReadAccessLogAsync(Guid contactId, CancellationToken cancellationToken) =>
        Stream(Committed.AccessLog.Where(a => a.ContactId == contactId), cancellationToken);

    // The worker's side of the job queue: each operation is one serialised write.

    async ValueTask<IReadOnlyList<JobRecord>> IJobStore.ClaimDueJobsAsync(string leaseOwner, Instant now, Duration lease, int maxCount,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return await WriteAsync(tables =>
        {
            var due = tables.Jobs
                .Select((job, position) => (Job: job, Position: position))
                .Where(x => (x.Job.Status == JobStatus.Pending && x.Job.DueAt <= now)
                    || (x.Job.Status == JobStatus.Running && x.Job.LeaseExpiresAt <= now))
                .OrderBy(x => x.Job.DueAt).ThenBy(x => x.Position)
                .Take(maxCount).ToList();
            var claimed = new List<JobRecord>(due.Count);
            foreach (var (job, position) in due)
            {
                var running = job with { Status = JobStatus.Running, Attempts = job.Attempts + 1, LeaseOwner = leaseOwner, LeaseExpiresAt = now + lease };
                tables.Jobs[position] = running;
                claimed.Add(running);
            }

            return (IReadOnlyList<JobRecord>)claimed;
        }, cancellationToken);
    }

    ValueTask<bool> IJobStore.CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken)
    {
        DictionaryTransaction.ThrowIfNotFinal(status);
        return WriteAsync(tables => DictionaryTransaction.UpdateLeased(tables, jobId, leaseOwner, j => j with
        {
            Status = status, LastError = reason ?? j.LastError, FinishedAt = at, LeaseOwner = null, LeaseExpiresAt = null,
        }), cancellationToken);
    }

    ValueTask<bool> IJobStore.RetryJobAsync(Guid jobId, string leaseOwner, Instant dueAt, string reason, CancellationToken cancellationToken) =>
        WriteAsync(tables => DictionaryTransaction.UpdateLeased(tables, jobId, leaseOwner, j => j with
        {
            Status = JobStatus.Pending, DueAt = dueAt, LastError = reason, LeaseOwner = null, LeaseExpiresAt = null,
        }), cancellationToken);

    ValueTask<bool> IJobStore.RenewJobLeaseAsync(Guid jobId, string leaseOwner, Instant now, Duration lease, CancellationToken cancellationToken) =>
        WriteAsync(tables => DictionaryTransaction.UpdateLeased(tables, jobId, leaseOwner, j => j with { LeaseExpiresAt = now + lease }),
            cancellationToken);

    ValueTask<JobRecord?> IJobStore.FindJobAsync(Guid jobId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Committed.Jobs.FirstOrDefault(j => j.Id == jobId));

    IAsyncEnumerable<JobRecord> IJobStore.ListJobsAsync(Guid? contactId, CancellationToken cancellationToken) =>
        Stream(Committed.Jobs.Where(j => contactId is null || j.ContactId == contactId), cancellationToken);

    private async ValueTask<T> WriteAsync<T>(Func<DictionaryTables, T> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var copy = Committed.Copy();
            var result = write(copy);
            Publish(copy);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Streams a snapshot (taken before the first item) of committed rows.</summary>
    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in rows.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }
}
