using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>Jobs, tokens, suppression, counters and erasure inside a transaction.</content>
public sealed partial class InMemoryOptinStore
{
    private sealed partial class Transaction
    {
        ValueTask IJobWriter.EnqueueAsync(JobRecord job, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(job);
            ThrowIfDone();
            if (_working.Jobs.ContainsKey(job.Id))
            {
                throw new InvalidOperationException($"The job {job.Id} is already queued.");
            }

            _working.Jobs.Set(job.Id, job);
            _working.PendingJobOrder.Add(job.Id);
            NoteQueued(job);
            return ValueTask.CompletedTask;
        }

        ValueTask<int> IJobWriter.CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(Cancel(contactId, purposeId, reason, at));
        }

        ValueTask ITokenWriter.SaveAsync(TokenRecord token, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(token);
            ThrowIfDone();
            if (_working.Tokens.ContainsKey(token.Hash))
            {
                throw new InvalidOperationException("A token with this hash is already stored.");
            }

            _working.Tokens.Set(token.Hash, token);
            return ValueTask.CompletedTask;
        }

        ValueTask<TokenRecord?> ITokenWriter.FindAsync(string tokenHash, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Tokens.TryGetValue(tokenHash, out var token) ? token : null);
        }

        ValueTask<bool> ITokenWriter.ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            if (!_working.Tokens.TryGetValue(tokenHash, out var token) || token.ConsumedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            _working.Tokens.Set(tokenHash, token with { ConsumedAt = at });
            return ValueTask.FromResult(true);
        }

        ValueTask<int> ITokenWriter.RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            var revoked = _working.Tokens.Values()
                .Where(t => t.ContactId == contactId && t.Kind == kind && t.ConsumedAt is null
                    && t.StandsFor(purposeId))
                .ToList();
            foreach (var token in revoked)
            {
                _working.Tokens.Set(token.Hash, token with { ConsumedAt = at });
            }

            return ValueTask.FromResult(revoked.Count);
        }

        ValueTask ISuppressionWriter.SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ThrowIfDone();
            _working.Suppressions.Set(entry.AddressHash, entry);
            return ValueTask.CompletedTask;
        }

        ValueTask<SuppressionEntry?> ISuppressionWriter.FindAsync(string addressHash, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Suppressions.TryGetValue(addressHash, out var entry) ? entry : null);
        }

        ValueTask<long> ICounterWriter.IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            var value = _working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now ? counter.Value + 1 : 1;
            var keep = value == 1 ? expiresAt : counter.ExpiresAt;
            _working.Counters.Set(key, (value, keep));
            return ValueTask.FromResult(value);
        }

        ValueTask<long> ICounterWriter.AddAsync(string key, long amount, Instant now, Instant expiresAt, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
            ThrowIfDone();
            var live = _working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now;
            var value = live ? counter.Value + amount : amount;
            _working.Counters.Set(key, (value, live ? counter.ExpiresAt : expiresAt));
            return ValueTask.FromResult(value);
        }

        ValueTask<long> ICounterWriter.GetAsync(string key, Instant now, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now ? counter.Value : 0L);
        }

        ValueTask<bool> IContactWriter.EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(tombstone);
            ThrowIfDone();
            if (!_working.Contacts.TryGetValue(contactId, out var contact))
            {
                return ValueTask.FromResult(false);
            }

            Cancel(contactId, null, "erased", tombstone.OccurredAt);
            ScrubFinishedJobs(contactId);
            _working.Contacts.Remove(contactId);
            _working.ContactIdsByKey.Remove(contact.EmailKey);
            (_erased ??= []).Add(contactId); // saving it again in this transaction is refused, not an insert
            foreach (var id in _working.Submissions.Values().Where(s => s.ContactId == contactId).Select(s => s.Id).ToList())
            {
                _working.Submissions.Remove(id);
            }

            foreach (var hash in _working.Tokens.Values().Where(t => t.ContactId == contactId).Select(t => t.Hash).ToList())
            {
                _working.Tokens.Remove(hash);
            }

            if (_working.LedgerByContact.TryGetValue(contactId, out var ledger))
            {
                _working.LedgerByContact.Remove(contactId);
                foreach (var e in ledger)
                {
                    _working.EventIds.Remove(e.Id);
                }

                // The emails as sent may quote the person (their name, their answers): their archived copies go with the
                // ledger, unless another contact's entry still refers to the same content (DSR-5, EVD-1).
                foreach (var sha256 in ledger.Select(e => e.EmailSha256).OfType<string>().Distinct(StringComparer.Ordinal).ToList())
                {
                    if (!_working.LedgerByContact.Values().Any(entries => entries.Any(e => string.Equals(e.EmailSha256, sha256, StringComparison.Ordinal))))
                    {
                        _working.Content.Remove(sha256);
                    }
                }
            }

            // The erased chain goes whole, head included; the tombstone starts a chain of its own (LEDG-1).
            _working.ChainHeads.Remove(contactId);

            Append(tombstone with { ContactId = contactId });
            return ValueTask.FromResult(true);
        }

        private int Cancel(Guid contactId, string? purposeId, string reason, Instant at)
        {
            var cancelled = 0;
            foreach (var id in _working.JobIndex.ForContact(contactId))
            {
                cancelled += CancelOne(id, purposeId, reason, at);
            }

            foreach (var id in _working.PendingJobOrder)
            {
                if (_working.Jobs.TryGetValue(id, out var job) && job.ContactId == contactId)
                {
                    cancelled += CancelOne(id, purposeId, reason, at);
                }
            }

            return cancelled;
        }

        /// <summary>Cancels the job (in the transaction's view) if it is pending and about the purpose; 1 if it did.</summary>
        private int CancelOne(Guid id, string? purposeId, string reason, Instant at)
        {
            if (!_working.Jobs.TryGetValue(id, out var job) || job.Status != JobStatus.Pending
                || !(purposeId is null || string.Equals(job.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase)))
            {
                return 0;
            }

            _working.Jobs.Set(id, job with { Status = JobStatus.Cancelled, LastError = reason, FinishedAt = at });
            return 1;
        }

        // Erasure (DSR-5): the finished jobs of an erased contact keep action, status, dates and Message-ID only.
        private void ScrubFinishedJobs(Guid contactId)
        {
            var ids = _working.JobIndex.ForContact(contactId)
                .Concat(_working.PendingJobOrder.Where(id => _working.Jobs.TryGetValue(id, out var j) && j.ContactId == contactId))
                .Distinct().ToList();
            foreach (var id in ids)
            {
                if (_working.Jobs.TryGetValue(id, out var job) && job.ContactId == contactId && job.Status is not (JobStatus.Pending or JobStatus.Running))
                {
                    _working.Jobs.Set(id, job with { Payload = JobPayload.Scrub(job.Payload), LastError = JobPayload.ScrubError(job.Status, job.LastError) });
                }
            }

            // The contact's own send counter (DOI-7) names its id; the per-day counter holds only the keyed hash.
            var prefix = $"doi:pending:{contactId:N}:";
            foreach (var key in _working.Counters.Committed.Keys.Concat(_working.Counters.PendingWrites().Select(w => w.Key))
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Distinct().ToList())
            {
                _working.Counters.Remove(key);
            }
        }
    }
}
