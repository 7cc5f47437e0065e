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
        public ValueTask EnqueueJobAsync(JobRecord job, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(job);
            ThrowIfDone();
            if (_working.Jobs.ContainsKey(job.Id))
            {
                throw new InvalidOperationException($"The job {job.Id} is already queued.");
            }

            _working = _working with { Jobs = _working.Jobs.Add(job.Id, job), JobOrder = _working.JobOrder.Add(job.Id) };
            return ValueTask.CompletedTask;
        }

        public ValueTask<int> CancelJobsAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(Cancel(contactId, purposeId, reason, at));
        }

        public ValueTask SaveTokenAsync(TokenRecord token, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(token);
            ThrowIfDone();
            if (_working.Tokens.ContainsKey(token.Hash))
            {
                throw new InvalidOperationException("A token with this hash is already stored.");
            }

            _working = _working with { Tokens = _working.Tokens.Add(token.Hash, token) };
            return ValueTask.CompletedTask;
        }

        public ValueTask<TokenRecord?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Tokens.GetValueOrDefault(tokenHash));
        }

        public ValueTask<bool> ConsumeTokenAsync(string tokenHash, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            if (!_working.Tokens.TryGetValue(tokenHash, out var token) || token.ConsumedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            _working = _working with { Tokens = _working.Tokens.SetItem(tokenHash, token with { ConsumedAt = at }) };
            return ValueTask.FromResult(true);
        }

        public ValueTask<int> RevokeTokensAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            var revoked = _working.Tokens.Values
                .Where(t => t.ContactId == contactId && t.Kind == kind && t.ConsumedAt is null
                    && string.Equals(t.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase))
                .Select(t => KeyValuePair.Create(t.Hash, t with { ConsumedAt = at }))
                .ToList();
            _working = _working with { Tokens = _working.Tokens.SetItems(revoked) };
            return ValueTask.FromResult(revoked.Count);
        }

        public ValueTask SaveSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ThrowIfDone();
            _working = _working with { Suppressions = _working.Suppressions.SetItem(entry.AddressHash, entry) };
            return ValueTask.CompletedTask;
        }

        public ValueTask<SuppressionEntry?> FindSuppressionAsync(string addressHash, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Suppressions.GetValueOrDefault(addressHash));
        }

        public ValueTask<long> IncrementCounterAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            var value = _working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now ? counter.Value + 1 : 1;
            var keep = value == 1 ? expiresAt : counter.ExpiresAt;
            _working = _working with { Counters = _working.Counters.SetItem(key, (value, keep)) };
            return ValueTask.FromResult(value);
        }

        public ValueTask<long> GetCounterAsync(string key, Instant now, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            return ValueTask.FromResult(_working.Counters.TryGetValue(key, out var counter) && counter.ExpiresAt > now ? counter.Value : 0L);
        }

        public ValueTask<bool> EraseContactAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(tombstone);
            ThrowIfDone();
            if (!_working.Contacts.TryGetValue(contactId, out var contact))
            {
                return ValueTask.FromResult(false);
            }

            Cancel(contactId, null, "erased", tombstone.OccurredAt);
            var ledger = _working.LedgerByContact.GetValueOrDefault(contactId) ?? [];
            _working = _working with
            {
                Contacts = _working.Contacts.Remove(contactId),
                ContactIdsByKey = _working.ContactIdsByKey.Remove(contact.EmailKey),
                Submissions = _working.Submissions.RemoveRange(_working.Submissions.Values.Where(s => s.ContactId == contactId).Select(s => s.Id)),
                Tokens = _working.Tokens.RemoveRange(_working.Tokens.Values.Where(t => t.ContactId == contactId).Select(t => t.Hash)),
                LedgerByContact = _working.LedgerByContact.Remove(contactId),
                EventIds = _working.EventIds.Except(ledger.Select(e => e.Id)),
            };
            Append(tombstone with { ContactId = contactId });
            return ValueTask.FromResult(true);
        }

        private int Cancel(Guid contactId, string? purposeId, string reason, Instant at)
        {
            var cancelled = _working.Jobs.Values
                .Where(j => j.Status == JobStatus.Pending && j.ContactId == contactId
                    && (purposeId is null || string.Equals(j.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase)))
                .Select(j => KeyValuePair.Create(j.Id, j with { Status = JobStatus.Cancelled, LastError = reason, FinishedAt = at }))
                .ToList();
            _working = _working with { Jobs = _working.Jobs.SetItems(cancelled) };
            return cancelled.Count;
        }
    }
}
