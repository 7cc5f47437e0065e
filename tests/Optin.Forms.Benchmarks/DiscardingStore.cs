using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Benchmarks;

/// <summary>A store that keeps nothing: measures the pipeline's own work without any storage cost.</summary>
internal sealed class DiscardingStore : IOptinStore, IOptinTransaction
{
    public IContactReader Contacts => throw new NotSupportedException();

    public IConsentLedgerReader Ledger => throw new NotSupportedException();

    public ISubmissionReader Submissions => throw new NotSupportedException();

    public IJobStore Jobs => throw new NotSupportedException();

    public IEvidenceArchiveReader Archive => throw new NotSupportedException();

    public ValueTask AddContentAsync(ArchivedContent content, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AppendEvidenceAccessAsync(EvidenceAccess access, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IOptinTransaction>(this);

    public ValueTask<Contact?> FindContactAsync(Guid contactId, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

    public ValueTask<Contact?> FindContactByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

    public ValueTask SaveContactAsync(Contact contact, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AppendConsentEventsAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AddSubmissionAsync(SubmissionRecord submission, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    public ValueTask EnqueueJobAsync(JobRecord job, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<int> CancelJobsAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask SaveTokenAsync(TokenRecord token, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<TokenRecord?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) => ValueTask.FromResult<TokenRecord?>(null);

    public ValueTask<bool> ConsumeTokenAsync(string tokenHash, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask<int> RevokeTokensAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask SaveSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<SuppressionEntry?> FindSuppressionAsync(string addressHash, CancellationToken cancellationToken) => ValueTask.FromResult<SuppressionEntry?>(null);

    public ValueTask<long> IncrementCounterAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken) => ValueTask.FromResult(1L);

    public ValueTask<long> GetCounterAsync(string key, Instant now, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    public ValueTask<string> GetOrAddSettingAsync(string name, Func<string> create, CancellationToken cancellationToken) =>
        ValueTask.FromResult(create());

    public ValueTask<int> DeleteExpiredCountersAsync(Instant now, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask<bool> EraseContactAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    public ValueTask<IReadOnlyList<TokenRecord>> ListTokensAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TokenRecord>>([]);

    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    // RET-4 (issue #15 point 6).
    public ValueTask<int> DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask<int> DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask SaveArchivedProofAsync(Optin.Forms.Retention.ArchivedProof proof, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<Optin.Forms.Retention.ArchivedProof?> FindArchivedProofAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Optin.Forms.Retention.ArchivedProof?>(null);

    public ValueTask<int> DeleteExpiredArchivedProofsAsync(Instant now, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
