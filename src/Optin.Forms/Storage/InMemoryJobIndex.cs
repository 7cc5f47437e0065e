using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <summary>
/// Indexes of the committed jobs, so that claiming and cancelling do not scan the whole (ever growing) job table: the
/// pending jobs by due instant, the running jobs by lease expiry, each job's creation position and each contact's jobs.
/// </summary>
/// <remarks>
/// Kept in step with <see cref="InMemoryState.Jobs"/>'s committed rows: every change to them goes through
/// <see cref="Add"/> (a new job), <see cref="Update"/> (a changed one) and <see cref="Remove"/> (a finished job deleted by
/// the retention sweep, RET-4). Same locking as the committed rows.
/// </remarks>
internal sealed class InMemoryJobIndex
{
    private readonly Dictionary<Guid, int> _positions = [];
    /// <summary>Each contact's jobs, in creation order; an array is never changed once stored (a change replaces it).</summary>
    /// <remarks>A contact has a handful of jobs: an exact-size array keeps 40 bytes per contact where a list kept 120.</remarks>
    private readonly Dictionary<Guid, Guid[]> _byContact = [];
    private readonly SortedSet<Entry> _pending = new(EntryComparer.Instance);
    private readonly SortedSet<Entry> _leased = new(EntryComparer.Instance);

    /// <summary>Indexes a new committed job; <paramref name="position"/> is its place in the creation order.</summary>
    public void Add(JobRecord job, int position)
    {
        _positions.Add(job.Id, position);
        if (job.ContactId is { } contactId)
        {
            _byContact[contactId] = _byContact.TryGetValue(contactId, out var ids) ? [.. ids, job.Id] : [job.Id];
        }

        Insert(job, position);
    }

    /// <summary>Re-indexes a committed job that changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Update(JobRecord before, JobRecord after)
    {
        var position = _positions[after.Id];
        if (SetOf(before) is { } set)
        {
            set.Remove(EntryOf(before, position));
        }

        Insert(after, position);
    }

    /// <summary>Drops a deleted job (a finished one: it is in neither the pending nor the leased set).</summary>
    public void Remove(JobRecord job)
    {
        if (_positions.Remove(job.Id, out var position) && SetOf(job) is { } set)
        {
            set.Remove(EntryOf(job, position));
        }

        if (job.ContactId is { } contactId && _byContact.TryGetValue(contactId, out var ids))
        {
            var index = Array.IndexOf(ids, job.Id);
            if (index < 0)
            {
                return;
            }

            if (ids.Length == 1)
            {
                _byContact.Remove(contactId);
            }
            else
            {
                _byContact[contactId] = [.. ids.AsSpan(0, index), .. ids.AsSpan(index + 1)];
            }
        }
    }

    /// <summary>The committed jobs of a contact (any status), in creation order.</summary>
    public IReadOnlyList<Guid> ForContact(Guid contactId) => _byContact.TryGetValue(contactId, out var ids) ? ids : [];

    /// <summary>
    /// Up to <paramref name="maxCount"/> jobs that may be claimed at <paramref name="now"/> (pending and due, or
    /// running with an expired lease), by due instant then creation order.
    /// </summary>
    public List<JobRecord> Due(Dictionary<Guid, JobRecord> jobs, Instant now, int maxCount)
    {
        var due = new List<(JobRecord Job, int Position)>();
        foreach (var entry in _pending)
        {
            if (entry.At > now || due.Count == maxCount)
            {
                break;
            }

            due.Add((jobs[entry.Id], entry.Position));
        }

        var expired = false;
        foreach (var entry in _leased)
        {
            if (entry.At > now)
            {
                break;
            }

            due.Add((jobs[entry.Id], entry.Position));
            expired = true;
        }

        if (expired)
        {
            // An expired lease is claimed in due order among the pending jobs, like the first time.
            due.Sort(static (a, b) => a.Job.DueAt != b.Job.DueAt ? a.Job.DueAt.CompareTo(b.Job.DueAt) : a.Position.CompareTo(b.Position));
        }

        var claimed = new List<JobRecord>(Math.Min(due.Count, maxCount));
        for (var i = 0; i < due.Count && i < maxCount; i++)
        {
            claimed.Add(due[i].Job);
        }

        return claimed;
    }

    private void Insert(JobRecord job, int position) => SetOf(job)?.Add(EntryOf(job, position));

    /// <summary>The index a job is in: pending ones by due instant, running ones by lease expiry, the others in none.</summary>
    private SortedSet<Entry>? SetOf(JobRecord job) => job.Status switch
    {
        JobStatus.Pending => _pending,
        JobStatus.Running when job.LeaseExpiresAt is not null => _leased,
        _ => null,
    };

    private static Entry EntryOf(JobRecord job, int position) =>
        new(job.Status == JobStatus.Running ? job.LeaseExpiresAt!.Value : job.DueAt, position, job.Id);

    private readonly record struct Entry(Instant At, int Position, Guid Id);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var at = x.At.CompareTo(y.At);
            return at != 0 ? at : x.Position.CompareTo(y.Position);
        }
    }
}
