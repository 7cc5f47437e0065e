using System.Runtime.CompilerServices;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>
/// A store that keeps everything in memory: for tests, prototypes and single-process demos. Data is lost when the
/// process ends.
/// </summary>
/// <remarks>
/// Transactions are serialised by one lock and work on an immutable snapshot that replaces the current one on
/// commit, so readers never see half a transaction and a rolled-back transaction leaves no trace.
/// </remarks>
public sealed partial class InMemoryOptinStore : IOptinStore, IContactReader, IConsentLedgerReader, ISubmissionReader, IJobStore, IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile InMemoryState _state = InMemoryState.Empty;

    /// <inheritdoc />
    public IContactReader Contacts => this;

    /// <inheritdoc />
    public IConsentLedgerReader Ledger => this;

    /// <inheritdoc />
    public ISubmissionReader Submissions => this;

    /// <inheritdoc />
    public IJobStore Jobs => this;

    internal InMemoryState State => _state;

    /// <inheritdoc />
    public async ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        return new Transaction(this, _state);
    }

    /// <inheritdoc />
    public ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_state.Contacts.GetValueOrDefault(contactId));

    /// <inheritdoc />
    public ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        var state = _state;
        return ValueTask.FromResult(state.ContactIdsByKey.TryGetValue(emailKey, out var id) ? state.Contacts[id] : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Contact> QueryAsync(ContactQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var contact in _state.Query(query))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return contact;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(ContactQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ValueTask.FromResult((long)_state.Query(query).Count());
    }

    /// <inheritdoc />
    async IAsyncEnumerable<ConsentEvent> IConsentLedgerReader.ReadAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in _state.LedgerByContact.GetValueOrDefault(contactId) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    ValueTask<SubmissionRecord?> ISubmissionReader.FindAsync(Guid submissionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_state.Submissions.GetValueOrDefault(submissionId));

    /// <inheritdoc />
    public async IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var s in _state.Submissions.Values.Where(s => s.ContactId == contactId).OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    private sealed partial class Transaction(InMemoryOptinStore store, InMemoryState state) : IOptinTransaction
    {
        private InMemoryState _working = state;
        private bool _committed;
        private bool _disposed;

        public ValueTask<Contact?> FindContactAsync(Guid contactId, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Contacts.GetValueOrDefault(contactId));
        }

        public ValueTask<Contact?> FindContactByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.ContactIdsByKey.TryGetValue(emailKey, out var id) ? _working.Contacts[id] : null);
        }

        public ValueTask SaveContactAsync(Contact contact, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(contact);
            ThrowIfDone();
            if (_working.ContactIdsByKey.TryGetValue(contact.EmailKey, out var holder) && holder != contact.Id)
            {
                throw new InvalidOperationException("Another contact already holds this email address.");
            }

            var keys = _working.ContactIdsByKey;
            if (_working.Contacts.TryGetValue(contact.Id, out var previous) && previous.EmailKey != contact.EmailKey)
            {
                keys = keys.Remove(previous.EmailKey);
            }

            _working = _working with
            {
                Contacts = _working.Contacts.SetItem(contact.Id, contact),
                ContactIdsByKey = keys.SetItem(contact.EmailKey, contact.Id),
            };
            return ValueTask.CompletedTask;
        }

        public ValueTask AppendConsentEventsAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(events);
            ThrowIfDone();
            foreach (var e in events)
            {
                Append(e);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask AddSubmissionAsync(SubmissionRecord submission, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(submission);
            ThrowIfDone();
            if (_working.Submissions.ContainsKey(submission.Id))
            {
                throw new InvalidOperationException($"The submission {submission.Id} is already stored.");
            }

            _working = _working with { Submissions = _working.Submissions.Add(submission.Id, submission) };
            return ValueTask.CompletedTask;
        }

        public async ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(change);
            ThrowIfDone();
            long count = 0;
            var at = change.EventTemplate.OccurredAt;
            var batch = new List<BulkOptinChanged>();
            foreach (var contact in _working.Query(query).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var previous = contact.GetState(change.PurposeId);
                if (previous == change.State || (change.SkipObjected && contact.ObjectedToMarketing))
                {
                    continue;
                }

                _working = _working with { Contacts = _working.Contacts.SetItem(contact.Id, contact.WithOptin(change.PurposeId, change.State, at)) };
                Append(change.EventTemplate with { Id = Guid.NewGuid(), ContactId = contact.Id });
                if (change.CancelJobsReason is { } reason)
                {
                    Cancel(contact.Id, change.PurposeId, reason, at);
                }

                batch.Add(new BulkOptinChanged(contact.Id, previous));
                count++;
            }

            // One batch: this store holds everything in memory anyway.
            if (change.OnChanged is { } onChanged && batch.Count > 0)
            {
                await onChanged(batch, cancellationToken);
            }

            return count;
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            ThrowIfDone();
            store._state = _working;
            _committed = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                store._writeLock.Release();
            }

            return ValueTask.CompletedTask;
        }

        private void Append(ConsentEvent e)
        {
            if (_working.EventIds.Contains(e.Id))
            {
                throw new InvalidOperationException($"The consent event {e.Id} is already in the ledger; the ledger is append-only.");
            }

            var sequence = _working.LastSequence + 1;
            var list = _working.LedgerByContact.GetValueOrDefault(e.ContactId) ?? [];
            _working = _working with
            {
                LedgerByContact = _working.LedgerByContact.SetItem(e.ContactId, list.Add(e with { Sequence = sequence })),
                EventIds = _working.EventIds.Add(e.Id),
                LastSequence = sequence,
            };
        }

        private void ThrowIfDone()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed)
            {
                throw new InvalidOperationException("The transaction is already committed.");
            }
        }
    }
}
