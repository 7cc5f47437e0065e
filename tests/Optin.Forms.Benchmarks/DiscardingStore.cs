using Optin.Forms.Consent;
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

    public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IOptinTransaction>(this);

    public ValueTask<Contact?> FindContactAsync(Guid contactId, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

    public ValueTask<Contact?> FindContactByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) => ValueTask.FromResult<Contact?>(null);

    public ValueTask SaveContactAsync(Contact contact, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AppendConsentEventsAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AddSubmissionAsync(SubmissionRecord submission, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
