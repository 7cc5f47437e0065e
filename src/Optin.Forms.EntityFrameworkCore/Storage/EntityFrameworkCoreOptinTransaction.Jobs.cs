using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// Jobs, tokens, suppression, counters and erasure in the transaction. Consuming a token is a conditional
/// <c>UPDATE … WHERE consumed_at IS NULL</c>: of two concurrent transactions, the second waits for the first's row
/// lock and then updates nothing (DOI-4).
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    async ValueTask IJobWriter.EnqueueAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ThrowIfDone();
        await RecordRows.EnqueueJobAsync(Rows, job, cancellationToken);
        await NoteQueuedAsync(job, cancellationToken);
    }

    ValueTask<int> IJobWriter.CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        return CancelAsync(contactId, purposeId, reason, at, cancellationToken);
    }

    async ValueTask ITokenWriter.SaveAsync(TokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ThrowIfDone();
        await RecordRows.SaveTokenAsync(Rows, token, cancellationToken);
    }

    async ValueTask<TokenRecord?> ITokenWriter.FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var row = await Db.Set<TokenEntity>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == tokenHash, cancellationToken);
        return row is null ? null : JobMapper.ToToken(row);
    }

    async ValueTask<bool> ITokenWriter.ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var consumed = at.ToUnixTimeMilliseconds();
        var updated = await Db.Set<TokenEntity>().Where(t => t.Hash == tokenHash && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, consumed), cancellationToken);
        return updated == 1;
    }

    async ValueTask<int> ITokenWriter.RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purposeId);
        ThrowIfDone();
        var key = ContactQuerySql.PurposeKey(purposeId);
        var consumed = at.ToUnixTimeMilliseconds();
        var padded = " " + key + " "; // purpose ids hold no space (FormCatalogCompiler's id pattern)
        // ToLower and Contains run as SQL (lower(), instr / strpos), not in .NET: no culture of this process applies.
#pragma warning disable CA1304, CA1311, CA1862
        return await Db.Set<TokenEntity>()
            .Where(t => t.ContactId == contactId && t.Kind == (int)kind && t.ConsumedAt == null
                && (t.PurposeKey == key || (t.OtherPurposeIds != null && t.OtherPurposeIds.ToLower().Contains(padded))))
#pragma warning restore CA1304, CA1311, CA1862
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, consumed), cancellationToken);
    }

    async ValueTask ISuppressionWriter.SaveAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfDone();
        var row = await Db.Set<SuppressionEntity>().FirstOrDefaultAsync(s => s.AddressHash == entry.AddressHash, cancellationToken);
        if (row is null)
        {
            row = new SuppressionEntity { AddressHash = entry.AddressHash };
            Db.Set<SuppressionEntity>().Add(row);
        }

        row.Reason = entry.Reason;
        row.CreatedAt = entry.CreatedAt.ToUnixTimeMilliseconds();
        row.ExpiresAt = entry.ExpiresAt.ToUnixTimeMilliseconds();
        await FlushAsync(cancellationToken);
    }

    async ValueTask<SuppressionEntry?> ISuppressionWriter.FindAsync(string addressHash, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        return await RecordRows.FindSuppressionAsync(Rows, addressHash, cancellationToken);
    }

    async ValueTask<long> ICounterWriter.IncrementAsync(string key, Instant now, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDone();
        return await RecordRows.IncrementCounterAsync(Rows, key, now.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), cancellationToken);
    }

    async ValueTask<long> ICounterWriter.AddAsync(string key, long amount, Instant now, Instant expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ThrowIfDone();
        return await RecordRows.AddToCounterAsync(Rows, key, amount, now.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), cancellationToken);
    }

    async ValueTask<long> ICounterWriter.GetAsync(string key, Instant now, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var at = now.ToUnixTimeMilliseconds();
        var row = await Db.Set<CounterEntity>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        return row is not null && row.ExpiresAt > at ? row.Value : 0;
    }

    async ValueTask<bool> IContactWriter.EraseAsync(Guid contactId, ConsentEvent tombstone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        ThrowIfDone();
        _saved.Clear();

        // The contact's row first (locked on PostgreSQL), as every write transaction takes it before the rows that depend
        // on it: a transaction that read the contact is waited for, and one that reads it next waits and finds it gone.
        if (!await ContactRows.LockAsync(Rows, contactId, cancellationToken))
        {
            return false;
        }

        await CancelAsync(contactId, null, "erased", tombstone.OccurredAt, cancellationToken);
        await ScrubFinishedJobsAsync(contactId, cancellationToken);
        await Db.Set<SubmissionEntity>().Where(s => s.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        await Db.Set<TokenEntity>().Where(t => t.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        // The emails as sent may quote the person (their name, their answers): their archived copies go with the ledger,
        // unless another contact's entry still refers to the same content (DSR-5, EVD-1).
        var emails = await Db.Set<ConsentEventEntity>().Where(e => e.ContactId == contactId && e.EmailSha256 != null)
            .Select(e => e.EmailSha256!).Distinct().ToListAsync(cancellationToken);

        // Erasure is the one removal from the ledger (invariant 7); the tombstone appended below keeps no personal data.
        await Db.Set<ConsentEventEntity>().Where(e => e.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        if (emails.Count > 0)
        {
            await Db.Set<ContentEntity>()
                .Where(c => emails.Contains(c.Sha256) && !Db.Set<ConsentEventEntity>().Any(e => e.EmailSha256 == c.Sha256))
                .ExecuteDeleteAsync(cancellationToken);
        }
        await Db.Set<ContactFieldEntity>().Where(f => f.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        await Db.Set<ContactTagEntity>().Where(t => t.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        await Db.Set<ContactOptinEntity>().Where(o => o.ContactId == contactId).ExecuteDeleteAsync(cancellationToken);
        await Db.Set<ContactEntity>().Where(c => c.Id == contactId).ExecuteDeleteAsync(cancellationToken);
        Release(contactId);
        _stored.Add(contactId); // saving it again in this transaction is refused, not an insert

        // The erased chain goes whole, head included; the tombstone starts a chain of its own (LEDG-1).
        await ChainRows.DeleteAsync(Rows, contactId, cancellationToken);
        _heads.Remove(contactId);
        await AppendChainedAsync(tombstone with { ContactId = contactId }, "The tombstone is already in the ledger.", cancellationToken);

        // The deleted rows' bytes are zeroed by secure_delete; the WAL frames that still hold them go with a checkpoint
        // once the group commits (DSR-5).
        _turn?.CheckpointAfterCommit();
        return true;
    }

    private async ValueTask<int> CancelAsync(Guid contactId, string? purposeId, string reason, Instant at, CancellationToken cancellationToken)
    {
        var jobs = Db.Set<JobEntity>().Where(j => j.Status == (int)JobStatus.Pending && j.ContactId == contactId);
        if (purposeId is not null)
        {
            var key = ContactQuerySql.PurposeKey(purposeId);
            jobs = jobs.Where(j => j.PurposeKey == key);
        }

        var finished = at.ToUnixTimeMilliseconds();
        return await jobs.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, (int)JobStatus.Cancelled)
            .SetProperty(j => j.LastError, reason)
            .SetProperty(j => j.FinishedAt, finished), cancellationToken);
    }

    // Erasure (DSR-5): the finished jobs of an erased contact keep action, status, dates and Message-ID only.
    private async ValueTask ScrubFinishedJobsAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var jobs = await Db.Set<JobEntity>()
            .Where(j => j.ContactId == contactId && j.Status != (int)JobStatus.Pending && j.Status != (int)JobStatus.Running)
            .ToListAsync(cancellationToken);
        foreach (var job in jobs)
        {
            job.Payload = JobMapper.ScrubPayload(job.Payload);
            job.LastError = (JobStatus)job.Status == JobStatus.Cancelled ? job.LastError : null;
        }

        await FlushAsync(cancellationToken);

        // The contact's own send counter (DOI-7) names its id; the per-day counter holds only the keyed hash.
        var prefix = $"doi:pending:{contactId:N}:";
        await Db.Set<CounterEntity>().Where(c => c.Key.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken);
    }
}
