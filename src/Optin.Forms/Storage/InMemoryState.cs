using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>
/// Everything the in-memory store holds: mutable tables, each with the open transaction's pending writes over its
/// committed rows (see <see cref="InMemoryTable{TKey, TValue}"/>).
/// </summary>
internal sealed class InMemoryState
{
    public InMemoryTable<Guid, Contact> Contacts { get; } = new();

    public InMemoryTable<string, Guid> ContactIdsByKey { get; } = new(StringComparer.Ordinal);

    /// <summary>Each contact's ledger, oldest first; an array is never changed once stored (appending replaces it).</summary>
    public InMemoryTable<Guid, ConsentEvent[]> LedgerByContact { get; } = new();

    /// <summary>The id of every event in the ledger (the value is unused).</summary>
    public InMemoryTable<Guid, bool> EventIds { get; } = new();

    /// <summary>The last sequence number committed.</summary>
    public long LastSequence { get; set; }

    public InMemoryTable<Guid, SubmissionRecord> Submissions { get; } = new();

    public InMemoryTable<Guid, JobRecord> Jobs { get; } = new();

    /// <summary>Committed job ids in creation order (the queue's tie-break between jobs due at the same instant).</summary>
    public List<Guid> JobOrder { get; } = [];

    /// <summary>Job ids enqueued by the open transaction, in order.</summary>
    public List<Guid> PendingJobOrder { get; } = [];

    /// <summary>The committed jobs by due instant, lease expiry and contact; see <see cref="CommitJobs"/>.</summary>
    public InMemoryJobIndex JobIndex { get; } = new();

    public InMemoryTable<string, TokenRecord> Tokens { get; } = new(StringComparer.Ordinal);

    public InMemoryTable<string, SuppressionEntry> Suppressions { get; } = new(StringComparer.Ordinal);

    public InMemoryTable<string, (long Value, Instant ExpiresAt)> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Write-once settings, such as the generated address hash key.</summary>
    public InMemoryTable<string, string> Settings { get; } = new(StringComparer.Ordinal);

    // RET-4: the intermediate archive, and the finished jobs the open transaction deletes.
    public InMemoryTable<Guid, Retention.ArchivedProof> Archive { get; } = new();

    /// <summary>Finished jobs deleted by the open transaction (RET-4), dropped from the index and the order at commit.</summary>
    public List<JobRecord> RemovedJobs { get; } = [];

    /// <summary>The creation position the next committed job gets (positions stay unique once jobs are deleted).</summary>
    public int NextJobPosition { get; set; }

    /// <summary>Applies the open transaction's writes. The caller holds the write lock and the read lock.</summary>
    public void Commit(long lastSequence)
    {
        Contacts.Commit();
        ContactIdsByKey.Commit();
        LedgerByContact.Commit();
        EventIds.Commit();
        LastSequence = lastSequence;
        Submissions.Commit();
        CommitJobs();
        Tokens.Commit();
        Suppressions.Commit();
        Counters.Commit();
        Settings.Commit();
        Content.Commit();
        AccessLog.Commit();
        Archive.Commit();
        ChainHeads.Commit();
        Views.Commit();
    }

    /// <summary>Sets a committed job outside a transaction (the worker's queue operations), keeping the index in step.</summary>
    public void SetCommittedJob(JobRecord job)
    {
        var before = Jobs.Committed[job.Id];
        Jobs.Committed[job.Id] = job;
        JobIndex.Update(before, job);
    }

    /// <summary>Drops the open transaction's writes. The caller holds the write lock.</summary>
    public void Discard()
    {
        Contacts.Discard();
        ContactIdsByKey.Discard();
        LedgerByContact.Discard();
        EventIds.Discard();
        Submissions.Discard();
        Jobs.Discard();
        PendingJobOrder.Clear();
        Tokens.Discard();
        Suppressions.Discard();
        Counters.Discard();
        Settings.Discard();
        Content.Discard();
        AccessLog.Discard();
        Archive.Discard();
        RemovedJobs.Clear();
        ChainHeads.Discard();
        Views.Discard();
    }

    private void CommitJobs()
    {
        if (Jobs.HasPending)
        {
            for (var i = 0; i < PendingJobOrder.Count; i++)
            {
                Jobs.TryGetValue(PendingJobOrder[i], out var added);
                JobIndex.Add(added!, NextJobPosition + i);
            }

            NextJobPosition += PendingJobOrder.Count;

            Jobs.ForEachReplaced(JobIndex, static (index, before, after) => index.Update(before, after));
        }

        if (RemovedJobs.Count > 0)
        {
            var removed = new HashSet<Guid>(RemovedJobs.Select(j => j.Id));
            foreach (var job in RemovedJobs)
            {
                JobIndex.Remove(job);
            }

            JobOrder.RemoveAll(removed.Contains);
            RemovedJobs.Clear();
        }

        Jobs.Commit();
        JobOrder.AddRange(PendingJobOrder);
        PendingJobOrder.Clear();
    }

    /// <summary>The contacts matching the query in the open transaction's view, oldest first.</summary>
    public List<Contact> Query(ContactQuery query)
    {
        var matches = new List<Contact>();
        foreach (var contact in Contacts.Values())
        {
            if (query.Matches(contact))
            {
                matches.Add(contact);
            }
        }

        SortByCreation(matches);
        return matches;
    }

    /// <summary>The committed contacts matching the query, in no particular order. The caller holds the read lock.</summary>
    public List<Contact> QueryCommitted(ContactQuery query)
    {
        var matches = new List<Contact>();
        foreach (var contact in Contacts.Committed.Values)
        {
            if (query.Matches(contact))
            {
                matches.Add(contact);
            }
        }

        return matches;
    }

    /// <summary>Sorts by creation instant, then id (the order every store lists contacts in).</summary>
    public static void SortByCreation(List<Contact> contacts) =>
        contacts.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id));

    // EVD-1: the content archive and the access log of evidence reads.

    /// <summary>The content archive, by SHA-256.</summary>
    public InMemoryTable<string, Consent.ArchivedContent> Content { get; } = new(StringComparer.Ordinal);

    /// <summary>Each contact's evidence reads, oldest first (appending replaces the array).</summary>
    public InMemoryTable<Guid, Consent.EvidenceAccess[]> AccessLog { get; } = new();

    // LEDG-1 (hash chain)

    /// <summary>
    /// Each contact's chain head: the last entry's hash and the number of chained entries (a value, not a
    /// <see cref="ChainHead"/> object per append; readers build the record).
    /// </summary>
    public InMemoryTable<Guid, (string Hash, long Length)> ChainHeads { get; } = new();

    /// <summary>The daily view counts, keyed by (day, form, landing page, source).</summary>
    public InMemoryTable<(NodaTime.LocalDate Day, string FormId, string LandingPage, string Source), long> Views { get; } = new();
}
