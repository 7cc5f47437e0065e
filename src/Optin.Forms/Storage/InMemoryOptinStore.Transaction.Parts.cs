using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

public sealed partial class InMemoryOptinStore
{
    /// <summary>The transaction's parts (<see cref="IOptinTransaction"/>): the transaction itself, forwarding to its methods.</summary>
    private sealed partial class Transaction : IContactWriter, IConsentLedgerWriter, IEvidenceArchiveWriter, ISubmissionWriter, IJobWriter, ITokenWriter, ISuppressionWriter,
        ICounterWriter, ISettingWriter, IArchivedProofWriter, IRetentionWriter
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

        ValueTask<Contact?> IContactWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) => FindContactAsync(contactId, cancellationToken);

        ValueTask<Contact?> IContactWriter.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) =>
            FindContactByEmailKeyAsync(emailKey, cancellationToken);

        ValueTask IContactWriter.SaveAsync(Contact contact, CancellationToken cancellationToken) => SaveContactAsync(contact, cancellationToken);

        ValueTask<bool> IContactWriter.EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken) =>
            EraseContactAsync(contactId, tombstone, cancellationToken);

        ValueTask IConsentLedgerWriter.AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken) =>
            AppendConsentEventsAsync(events, cancellationToken);

        ValueTask IEvidenceArchiveWriter.AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken) =>
            AppendEvidenceAccessAsync(access, cancellationToken);

        ValueTask ISubmissionWriter.AddAsync(SubmissionRecord submission, CancellationToken cancellationToken) => AddSubmissionAsync(submission, cancellationToken);

        ValueTask IJobWriter.EnqueueAsync(JobRecord job, CancellationToken cancellationToken) => EnqueueJobAsync(job, cancellationToken);

        ValueTask<int> IJobWriter.CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken) =>
            CancelJobsAsync(contactId, purposeId, reason, at, cancellationToken);

        ValueTask<bool> IJobWriter.CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
            CancellationToken cancellationToken) => CompleteJobAsync(jobId, leaseOwner, status, reason, at, cancellationToken);

        ValueTask ITokenWriter.SaveAsync(TokenRecord token, CancellationToken cancellationToken) => SaveTokenAsync(token, cancellationToken);

        ValueTask<TokenRecord?> ITokenWriter.FindAsync(string tokenHash, CancellationToken cancellationToken) => FindTokenAsync(tokenHash, cancellationToken);

        ValueTask<IReadOnlyList<TokenRecord>> ITokenWriter.ListAsync(Guid contactId, CancellationToken cancellationToken) =>
            ListTokensAsync(contactId, cancellationToken);

        ValueTask<bool> ITokenWriter.ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken) =>
            ConsumeTokenAsync(tokenHash, at, cancellationToken);

        ValueTask<int> ITokenWriter.RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken) =>
            RevokeTokensAsync(contactId, purposeId, kind, at, cancellationToken);

        ValueTask ISuppressionWriter.SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken) => SaveSuppressionAsync(entry, cancellationToken);

        ValueTask<SuppressionEntry?> ISuppressionWriter.FindAsync(string addressHash, CancellationToken cancellationToken) =>
            FindSuppressionAsync(addressHash, cancellationToken);

        ValueTask<long> ICounterWriter.IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
            IncrementCounterAsync(key, now, expiresAt, cancellationToken);

        ValueTask<long> ICounterWriter.GetAsync(string key, Instant now, CancellationToken cancellationToken) => GetCounterAsync(key, now, cancellationToken);

        ValueTask<int> ICounterWriter.DeleteExpiredAsync(Instant now, CancellationToken cancellationToken) => DeleteExpiredCountersAsync(now, cancellationToken);

        ValueTask<string> ISettingWriter.GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken) =>
            GetOrAddSettingAsync(name, create, cancellationToken);

        ValueTask IArchivedProofWriter.SaveAsync(ArchivedProof proof, CancellationToken cancellationToken) => SaveArchivedProofAsync(proof, cancellationToken);

        ValueTask<ArchivedProof?> IArchivedProofWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) =>
            FindArchivedProofAsync(contactId, cancellationToken);

        ValueTask<int> IArchivedProofWriter.DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken) =>
            DeleteExpiredArchivedProofsAsync(now, maxCount, cancellationToken);
    }
}
