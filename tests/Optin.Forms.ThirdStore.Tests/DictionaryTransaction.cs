using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Retention;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>
/// A transaction of <see cref="DictionaryStore"/>: every part is this object (explicit interface implementations), and
/// every write goes to a private copy of the tables, published at commit.
/// </summary>
internal sealed class DictionaryTransaction(DictionaryTables tables, Action<DictionaryTables> publish, Action release)
    : IOptinTransaction, IContactWriter, IConsentLedgerWriter, IEvidenceArchiveWriter, ISubmissionWriter, IJobWriter, ITokenWriter,
        ISuppressionWriter, ICounterWriter, ISettingWriter, IArchivedProofWriter, IRetentionWriter
{
    private bool _committed;
    private bool _disposed;

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

    private DictionaryTables T
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed)
            {
                throw new InvalidOperationException("The transaction is already committed.");
            }

            return tables;
        }
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        publish(T);
        _committed = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            release();
        }

        return ValueTask.CompletedTask;
    }

    // Contacts

    ValueTask<Contact?> IContactWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.Contacts.GetValueOrDefault(contactId));

    ValueTask<Contact?> IContactWriter.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.Contacts.Values.FirstOrDefault(c => c.EmailKey == emailKey));

    ValueTask IContactWriter.SaveAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (T.Contacts.Values.Any(c => c.EmailKey == contact.EmailKey && c.Id != contact.Id))
        {
            throw new InvalidOperationException("Another contact already holds this email address.");
        }

        T.Contacts[contact.Id] = contact;
        return ValueTask.CompletedTask;
    }

    async ValueTask<long> IContactWriter.SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(change);
        var at = change.EventTemplate.OccurredAt;
        var changed = new List<BulkOptinChanged>();
        foreach (var contact in T.Contacts.Values.Where(query.Matches).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList())
        {
            var previous = contact.GetState(change.PurposeId);
            if (previous == change.State || (change.SkipObjected && contact.ObjectedToMarketing)
                || (change.SkipWithdrawn && previous == OptinState.Withdrawn))
            {
                continue;
            }

            T.Contacts[contact.Id] = contact.WithOptin(change.PurposeId, change.State, at);
            Append(change.EventTemplate with { Id = Guid.NewGuid(), ContactId = contact.Id });
            if (change.CancelJobsReason is { } reason)
            {
                Cancel(contact.Id, change.PurposeId, reason, at);
            }

            changed.Add(new BulkOptinChanged(contact.Id, previous));
        }

        if (change.OnChanged is { } onChanged && changed.Count > 0)
        {
            await onChanged(changed, cancellationToken);
        }

        return changed.Count;
    }

    ValueTask<bool> IContactWriter.EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        var t = T;
        if (!t.Contacts.Remove(contactId))
        {
            return ValueTask.FromResult(false);
        }

        Cancel(contactId, null, "erased", tombstone.OccurredAt);

        // The finished jobs keep action, status, dates and Message-ID only (DSR-5); the contact's own counters go.
        for (var i = 0; i < t.Jobs.Count; i++)
        {
            var job = t.Jobs[i];
            if (job.ContactId == contactId && job.Status is not (JobStatus.Pending or JobStatus.Running))
            {
                t.Jobs[i] = ErasedJob.Scrub(job);
            }
        }

        foreach (var key in t.Counters.Keys.Where(k => k.StartsWith($"doi:pending:{contactId:N}:", StringComparison.Ordinal)).ToList())
        {
            t.Counters.Remove(key);
        }

        foreach (var submission in t.Submissions.Values.Where(s => s.ContactId == contactId).ToList())
        {
            t.Submissions.Remove(submission.Id);
        }

        t.Tokens.RemoveAll(token => token.ContactId == contactId);

        // The ledger goes whole, chain head included; the archived emails go too unless another entry refers to them.
        var emails = t.Ledger.Where(e => e.ContactId == contactId).Select(e => e.EmailSha256).OfType<string>().Distinct().ToList();
        t.Ledger.RemoveAll(e => e.ContactId == contactId);
        foreach (var sha256 in emails.Where(h => !t.Ledger.Any(e => e.EmailSha256 == h)))
        {
            t.Content.Remove(sha256);
        }

        t.ChainHeads.Remove(contactId);
        Append(tombstone with { ContactId = contactId });
        return ValueTask.FromResult(true);
    }

    // The ledger: sequence and chain assigned on append (LEDG-1).

    ValueTask IConsentLedgerWriter.AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Append(e);
        }

        return ValueTask.CompletedTask;
    }

    // Evidence

    ValueTask IEvidenceArchiveWriter.AddContentAsync(ArchivedContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.Verifies())
        {
            throw new ArgumentException($"The content does not hash to {content.Sha256}.", nameof(content));
        }

        var key = content.Sha256.ToLowerInvariant();
        T.Content.TryAdd(key, content with { Sha256 = key });
        return ValueTask.CompletedTask;
    }

    ValueTask IEvidenceArchiveWriter.AppendAccessAsync(EvidenceAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        T.AccessLog.Add(access);
        return ValueTask.CompletedTask;
    }

    // Submissions

    ValueTask ISubmissionWriter.AddAsync(SubmissionRecord submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!T.Submissions.TryAdd(submission.Id, submission))
        {
            throw new InvalidOperationException($"The submission {submission.Id} is already stored.");
        }

        return ValueTask.CompletedTask;
    }

    // Jobs

    ValueTask IJobWriter.EnqueueAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (T.Jobs.Any(j => j.Id == job.Id))
        {
            throw new InvalidOperationException($"The job {job.Id} is already queued.");
        }

        T.Jobs.Add(job);
        return ValueTask.CompletedTask;
    }

    ValueTask<int> IJobWriter.CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Cancel(contactId, purposeId, reason, at));

    ValueTask<bool> IJobWriter.CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at, CancellationToken cancellationToken)
    {
        ThrowIfNotFinal(status);
        return ValueTask.FromResult(UpdateLeased(T, jobId, leaseOwner, j => j with
        {
            Status = status, LastError = reason ?? j.LastError, FinishedAt = at, LeaseOwner = null, LeaseExpiresAt = null,
        }));
    }

    // Tokens

    ValueTask ITokenWriter.SaveAsync(TokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (T.Tokens.Any(t => t.Hash == token.Hash))
        {
            throw new InvalidOperationException("A token with this hash is already stored.");
        }

        T.Tokens.Add(token);
        return ValueTask.CompletedTask;
    }

    ValueTask<TokenRecord?> ITokenWriter.FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.Tokens.FirstOrDefault(t => t.Hash == tokenHash));

    ValueTask<IReadOnlyList<TokenRecord>> ITokenWriter.ListAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TokenRecord>>([.. T.Tokens.Where(t => t.ContactId == contactId).OrderBy(t => t.CreatedAt)]);

    ValueTask<bool> ITokenWriter.ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken)
    {
        // Transactions are serialised, so this check-then-write is atomic (DOI-4).
        var i = T.Tokens.FindIndex(t => t.Hash == tokenHash && t.ConsumedAt is null);
        if (i >= 0)
        {
            T.Tokens[i] = T.Tokens[i] with { ConsumedAt = at };
        }

        return ValueTask.FromResult(i >= 0);
    }

    ValueTask<int> ITokenWriter.RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken)
    {
        var revoked = 0;
        for (var i = 0; i < T.Tokens.Count; i++)
        {
            var token = T.Tokens[i];
            if (token.ContactId == contactId && token.Kind == kind && token.ConsumedAt is null && token.StandsFor(purposeId))
            {
                T.Tokens[i] = token with { ConsumedAt = at };
                revoked++;
            }
        }

        return ValueTask.FromResult(revoked);
    }

    // Suppression

    ValueTask ISuppressionWriter.SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        T.Suppression[entry.AddressHash] = entry;
        return ValueTask.CompletedTask;
    }

    ValueTask<SuppressionEntry?> ISuppressionWriter.FindAsync(string addressHash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.Suppression.GetValueOrDefault(addressHash));

    // Counters

    ValueTask<long> ICounterWriter.IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken)
    {
        var live = T.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now;
        T.Counters[key] = live ? (counter.Value + 1, counter.ExpiresAt) : (1, expiresAt);
        return ValueTask.FromResult(T.Counters[key].Value);
    }

    ValueTask<long> ICounterWriter.GetAsync(string key, Instant now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now ? counter.Value : 0L);

    ValueTask<int> ICounterWriter.DeleteExpiredAsync(Instant now, CancellationToken cancellationToken)
    {
        var expired = T.Counters.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList();
        expired.ForEach(key => T.Counters.Remove(key));
        return ValueTask.FromResult(expired.Count);
    }

    // Settings

    ValueTask<string> ISettingWriter.GetOrAddAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!T.Settings.TryGetValue(name, out var value))
        {
            value = create();
            T.Settings[name] = value;
        }

        return ValueTask.FromResult(value);
    }

    // The archive of consent proofs

    ValueTask IArchivedProofWriter.SaveAsync(ArchivedProof proof, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proof);
        T.ArchivedProofs[proof.ContactId] = proof;
        return ValueTask.CompletedTask;
    }

    ValueTask<ArchivedProof?> IArchivedProofWriter.FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(T.ArchivedProofs.GetValueOrDefault(contactId));

    ValueTask<int> IArchivedProofWriter.DeleteExpiredAsync(Instant now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var expired = T.ArchivedProofs.Values.Where(p => p.KeepUntil <= now).OrderBy(p => p.KeepUntil).Take(maxCount).ToList();
        expired.ForEach(p => T.ArchivedProofs.Remove(p.ContactId));
        return ValueTask.FromResult(expired.Count);
    }

    // Retention (RET-4)

    ValueTask<int> IRetentionWriter.DeleteFinishedJobsAsync(Instant finishedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var old = T.Jobs.Where(j => j.Status is not (JobStatus.Pending or JobStatus.Running) && j.FinishedAt < finishedBefore)
            .Take(maxCount).ToHashSet();
        T.Jobs.RemoveAll(old.Contains);
        return ValueTask.FromResult(old.Count);
    }

    ValueTask<int> IRetentionWriter.DeleteTombstonesAsync(Instant erasedBefore, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var old = T.Ledger.Where(e => e.Kind == ConsentEventKind.Erased && e.OccurredAt < erasedBefore).Take(maxCount).ToList();
        foreach (var tombstone in old)
        {
            T.Ledger.Remove(tombstone);
            if (!T.Ledger.Any(e => e.ContactId == tombstone.ContactId))
            {
                // The tombstone was its chain's only entry: the head goes with it, so every chain still verifies.
                T.ChainHeads.Remove(tombstone.ContactId);
            }
        }

        return ValueTask.FromResult(old.Count);
    }

    internal static void ThrowIfNotFinal(JobStatus status)
    {
        if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
        {
            throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
        }
    }

    /// <summary>Updates a running job if <paramref name="leaseOwner"/> still holds its lease.</summary>
    internal static bool UpdateLeased(DictionaryTables tables, Guid jobId, string leaseOwner, Func<JobRecord, JobRecord> update)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        var i = tables.Jobs.FindIndex(j => j.Id == jobId);
        if (i < 0 || tables.Jobs[i].Status != JobStatus.Running || tables.Jobs[i].LeaseOwner != leaseOwner)
        {
            return false;
        }

        tables.Jobs[i] = update(tables.Jobs[i]);
        return true;
    }

    private void Append(ConsentEvent e)
    {
        var t = T;
        if (t.Ledger.Any(x => x.Id == e.Id))
        {
            throw new InvalidOperationException($"The consent event {e.Id} is already in the ledger; the ledger is append-only.");
        }

        var head = t.ChainHeads.GetValueOrDefault(e.ContactId);
        var linked = LedgerChain.Link(e, head?.Hash ?? LedgerChain.Genesis);
        t.ChainHeads[e.ContactId] = new ChainHead(e.ContactId, linked.Hash!, (head?.Length ?? 0) + 1);
        t.LastSequence++;
        t.Ledger.Add(linked with { Sequence = t.LastSequence });
    }

    private int Cancel(Guid contactId, string? purposeId, string reason, Instant at)
    {
        var cancelled = 0;
        for (var i = 0; i < T.Jobs.Count; i++)
        {
            var job = T.Jobs[i];
            if (job.ContactId == contactId && job.Status == JobStatus.Pending
                && (purposeId is null || string.Equals(job.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase)))
            {
                T.Jobs[i] = job with { Status = JobStatus.Cancelled, LastError = reason, FinishedAt = at };
                cancelled++;
            }
        }

        return cancelled;
    }
}
