using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Benchmarks;

/// <summary>A store that keeps nothing: measures the pipeline's own work without any storage cost.</summary>
internal sealed class DiscardingStore : IOptinStore
{
    private static readonly Transaction Shared = new();

    public IContactReader Contacts => throw new NotSupportedException();

    public IConsentLedgerReader Ledger => throw new NotSupportedException();

    public ISubmissionReader Submissions => throw new NotSupportedException();

    public IJobStore Jobs => throw new NotSupportedException();

    public IEvidenceArchiveReader Archive => throw new NotSupportedException();

    public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IOptinTransaction>(Shared);

    /// <summary>One transaction, shared, whose every part discards what it is given.</summary>
    private sealed class Transaction : IOptinTransaction, IContactWriter, IConsentLedgerWriter, IEvidenceArchiveWriter, ISubmissionWriter,
        IJobWriter, ITokenWriter, ISuppressionWriter, ICounterWriter, ISettingWriter, IArchivedProofWriter, IRetentionWriter
    {
        public IContactWriter Contacts => this;

        public IConsentLedgerWriter Ledger => this;

        public IEvidenceArchiveWriter Archive => this;

        public ISubmissionWriter Submissions => this;

        public IJobWriter Jobs => this;

        public ITokenWriter Tokens => this;

        public ISuppressionWriter Suppression => this;

        public ICounterWriter Counters => this;

        public ISettingWriter Settings => this;

        public IArchivedProofWriter ArchivedProofs => this;

        public IRetentionWriter Retention => this;

        public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        ValueTask<Contact?> IContactWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

        ValueTask<Contact?> IContactWriter.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

        ValueTask IContactWriter.SaveAsync(Contact contact, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask<long> IContactWriter.SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        ValueTask<bool> IContactWriter.EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        ValueTask IConsentLedgerWriter.AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask IEvidenceArchiveWriter.AddContentAsync(ArchivedContent content, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask IEvidenceArchiveWriter.AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask ISubmissionWriter.AddAsync(SubmissionRecord submission, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask IJobWriter.EnqueueAsync(JobRecord job, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask<int> IJobWriter.CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        ValueTask<bool> IJobWriter.CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at, CancellationToken cancellationToken) =>
            ValueTask.FromResult(false);

        ValueTask ITokenWriter.SaveAsync(TokenRecord token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask<TokenRecord?> ITokenWriter.FindAsync(string tokenHash, CancellationToken cancellationToken) => ValueTask.FromResult<TokenRecord?>(null);

        ValueTask<IReadOnlyList<TokenRecord>> ITokenWriter.ListAsync(Guid contactId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TokenRecord>>([]);

        ValueTask<bool> ITokenWriter.ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        ValueTask<int> ITokenWriter.RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        ValueTask ISuppressionWriter.SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask<SuppressionEntry?> ISuppressionWriter.FindAsync(string addressHash, CancellationToken cancellationToken) => ValueTask.FromResult<SuppressionEntry?>(null);

        ValueTask<long> ICounterWriter.IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken) => ValueTask.FromResult(1L);

        ValueTask<long> ICounterWriter.GetAsync(string key, Instant now, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        ValueTask<int> ICounterWriter.DeleteExpiredAsync(Instant now, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        ValueTask<string> ISettingWriter.GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken) => ValueTask.FromResult(create());

        ValueTask IArchivedProofWriter.SaveAsync(ArchivedProof proof, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        ValueTask<ArchivedProof?> IArchivedProofWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) => ValueTask.FromResult<ArchivedProof?>(null);

        ValueTask<int> IArchivedProofWriter.DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        ValueTask<int> IRetentionWriter.DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        ValueTask<int> IRetentionWriter.DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
