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
/// Transactions are serialised by one write lock, held from <see cref="BeginTransactionAsync"/> until the transaction
/// is disposed. A transaction buffers its writes over the committed tables (it reads its own writes) and applies them
/// at commit under a short read lock that every reader also takes, so readers never see half a transaction and a
/// rolled-back transaction leaves no trace. A contact a transaction read therefore cannot change under it; saving one
/// that the same transaction erased since is refused, as the durable stores refuse it.
/// </remarks>
public sealed partial class InMemoryOptinStore : IOptinStore, IContactReader, IConsentLedgerReader, ISubmissionReader, IJobStore, ILedgerChainReader,
    IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _readLock = new();
    private readonly InMemoryState _state = new();

    /// <inheritdoc />
    public IContactReader Contacts => this;

    /// <inheritdoc />
    public IConsentLedgerReader Ledger => this;

    /// <inheritdoc />
    public ISubmissionReader Submissions => this;

    /// <inheritdoc />
    public IJobStore Jobs => this;

    /// <summary>The tables themselves, for tests (not safe to read while a transaction commits).</summary>
    internal InMemoryState State => _state;

    /// <inheritdoc />
    public async ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        return new Transaction(this);
    }

    /// <inheritdoc />
    public ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.Contacts.Committed.GetValueOrDefault(contactId));
        }
    }

    /// <inheritdoc />
    public ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.ContactIdsByKey.Committed.TryGetValue(emailKey, out var id)
                ? _state.Contacts.Committed[id]
                : null);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Contact> QueryAsync(ContactQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<Contact> matches;
        lock (_readLock)
        {
            matches = _state.QueryCommitted(query);
        }

        InMemoryState.SortByCreation(matches);
        foreach (var contact in matches)
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
        lock (_readLock)
        {
            return ValueTask.FromResult((long)_state.Contacts.Committed.Values.Count(query.Matches));
        }
    }

    /// <inheritdoc />
    async IAsyncEnumerable<ConsentEvent> IConsentLedgerReader.ReadAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ConsentEvent[]? ledger;
        lock (_readLock)
        {
            ledger = _state.LedgerByContact.Committed.GetValueOrDefault(contactId);
        }

        foreach (var e in ledger ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    ValueTask<SubmissionRecord?> ISubmissionReader.FindAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            return ValueTask.FromResult(_state.Submissions.Committed.GetValueOrDefault(submissionId));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<SubmissionRecord> submissions;
        lock (_readLock)
        {
            submissions = [.. _state.Submissions.Committed.Values.Where(s => s.ContactId == contactId)];
        }

        foreach (var s in submissions.OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SubmissionRecord> ListByFormAsync(string formId, int offset, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        List<SubmissionRecord> submissions;
        lock (_readLock)
        {
            submissions = [.. _state.Submissions.Committed.Values.Where(s => s.FormId == formId)];
        }

        foreach (var s in submissions.OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id).Skip(offset).Take(limit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return s;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> CountByFormAsync(string formId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formId);
        lock (_readLock)
        {
            return ValueTask.FromResult((long)_state.Submissions.Committed.Values.Count(s => s.FormId == formId));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    private sealed partial class Transaction(InMemoryOptinStore store) : IOptinTransaction
    {
        private readonly InMemoryState _working = store._state;

        /// <summary>
        /// The contacts this transaction erased: saving one again is refused, never a re-creation. Transactions are
        /// serialised, so no other one can erase a contact this one read; null until the first erasure (a sign-up
        /// allocates nothing for it).
        /// </summary>
        private HashSet<Guid>? _erased;
        private long _lastSequence = store._state.LastSequence;
        private bool _committed;
        private bool _disposed;

        ValueTask<Contact?> IContactWriter.FindAsync(Guid contactId, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Contacts.TryGetValue(contactId, out var contact) ? contact : null);
        }

        ValueTask<Contact?> IContactWriter.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.ContactIdsByKey.TryGetValue(emailKey, out var id) && _working.Contacts.TryGetValue(id, out var contact)
                ? contact
                : null);
        }

        ValueTask IContactWriter.SaveAsync(Contact contact, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(contact);
            ThrowIfDone();
            if (_erased is not null && _erased.Contains(contact.Id) && !_working.Contacts.ContainsKey(contact.Id))
            {
                throw new InvalidOperationException("The contact has been erased; it is not saved again under its id.");
            }

            if (_working.ContactIdsByKey.TryGetValue(contact.EmailKey, out var holder) && holder != contact.Id)
            {
                throw new InvalidOperationException("Another contact already holds this email address.");
            }

            if (_working.Contacts.TryGetValue(contact.Id, out var previous) && previous.EmailKey != contact.EmailKey)
            {
                _working.ContactIdsByKey.Remove(previous.EmailKey);
            }

            _working.Contacts.Set(contact.Id, contact);
            _working.ContactIdsByKey.Set(contact.EmailKey, contact.Id);
            return ValueTask.CompletedTask;
        }

        ValueTask IConsentLedgerWriter.AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(events);
            ThrowIfDone();
            for (var i = 0; i < events.Count; i++)
            {
                Append(events[i]);
            }

            return ValueTask.CompletedTask;
        }

        ValueTask ISubmissionWriter.AddAsync(SubmissionRecord submission, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(submission);
            ThrowIfDone();
            if (_working.Submissions.ContainsKey(submission.Id))
            {
                throw new InvalidOperationException($"The submission {submission.Id} is already stored.");
            }

            _working.Submissions.Set(submission.Id, submission);
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
                if (previous == change.State || (change.SkipObjected && contact.ObjectedToMarketing)
                    || (change.SkipWithdrawn && previous == OptinState.Withdrawn))
                {
                    continue;
                }

                _working.Contacts.Set(contact.Id, contact.WithOptin(change.PurposeId, change.State, at));
                Append(change.EventTemplate with { Id = RecordIds.New(), ContactId = contact.Id });
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
            lock (store._readLock)
            {
                _working.Commit(_lastSequence);
            }

            _committed = true;
            WakeWorker(store);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (!_committed)
                {
                    _working.Discard();
                }

                store._writeLock.Release();
            }

            return ValueTask.CompletedTask;
        }

        private void Append(ConsentEvent e)
        {
            if (_working.EventIds.ContainsKey(e.Id))
            {
                throw new InvalidOperationException($"The consent event {e.Id} is already in the ledger; the ledger is append-only.");
            }

            var sequence = _lastSequence + 1;
            var list = _working.LedgerByContact.TryGetValue(e.ContactId, out var ledger) ? ledger : [];
            e = Chain(e, sequence);
            _working.LedgerByContact.Set(e.ContactId, [.. list, e]);
            _working.EventIds.Set(e.Id, true);
            _lastSequence = sequence;
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
