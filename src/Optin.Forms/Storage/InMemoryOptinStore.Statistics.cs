using System.Runtime.CompilerServices;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Statistics;

namespace Optin.Forms.Storage;

/// <summary>The back office's aggregate reads and the view counts, in memory.</summary>
public sealed partial class InMemoryOptinStore : IStatisticsReader
{
    /// <inheritdoc />
    public IStatisticsReader Statistics => this;

    async IAsyncEnumerable<ViewCount> IStatisticsReader.ReadViewsAsync(LocalDate from, LocalDate to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ViewCount> counts;
        lock (_readLock)
        {
            counts = [.. _state.Views.Committed.Where(v => v.Key.Day >= from && v.Key.Day <= to)
                .Select(v => new ViewCount(v.Key.Day, v.Key.FormId, v.Key.LandingPage, v.Key.Source, v.Value))];
        }

        foreach (var count in counts.OrderBy(c => c.Day).ThenBy(c => c.FormId, StringComparer.Ordinal).ThenBy(c => c.LandingPage, StringComparer.Ordinal)
                     .ThenBy(c => c.Source, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return count;
        }

        await Task.CompletedTask;
    }

    async IAsyncEnumerable<ActivityCount> IStatisticsReader.ReadActivityAsync(Instant from, Instant to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(Instant, string?, ActivityKind), long>();
        void Add(Instant at, string? formId, ActivityKind kind)
        {
            if (at >= from && at < to)
            {
                var key = (StatisticsBuckets.StartOf(at), formId, kind);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        lock (_readLock)
        {
            foreach (var s in _state.Submissions.Committed.Values)
            {
                Add(s.ReceivedAt, s.FormId, ActivityKind.Submission);
            }

            foreach (var ledger in _state.LedgerByContact.Committed.Values)
            {
                foreach (var e in ledger)
                {
                    if (KindOf(e) is { } kind)
                    {
                        Add(e.OccurredAt, e.FormId, kind);
                    }
                }
            }
        }

        foreach (var ((bucket, formId, kind), count) in counts.OrderBy(c => c.Key.Item1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ActivityCount(bucket, formId, kind, count);
        }

        await Task.CompletedTask;
    }

    async IAsyncEnumerable<ConfirmationDelay> IStatisticsReader.ReadConfirmationDelaysAsync(Instant from, Instant to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delays = new List<ConfirmationDelay>();
        lock (_readLock)
        {
            foreach (var ledger in _state.LedgerByContact.Committed.Values)
            {
                foreach (var e in ledger)
                {
                    if (e.Kind == ConsentEventKind.Confirmed && e.OccurredAt >= from && e.OccurredAt < to && e.SubmissionId is { } id
                        && _state.Submissions.Committed.TryGetValue(id, out var submission))
                    {
                        delays.Add(new ConfirmationDelay(submission.FormId, e.OccurredAt, e.OccurredAt - submission.ReceivedAt));
                    }
                }
            }
        }

        foreach (var delay in delays.OrderBy(d => d.ConfirmedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return delay;
        }

        await Task.CompletedTask;
    }

    /// <summary>What a ledger entry counts as, if anything (the EF Core store's SQL filter says the same).</summary>
    internal static ActivityKind? KindOf(ConsentEvent e) => e.Kind switch
    {
        ConsentEventKind.EmailSent when e.State == OptinState.PendingConfirmation => ActivityKind.DoubleOptinEmailSent,
        ConsentEventKind.Confirmed => ActivityKind.Confirmation,
        ConsentEventKind.Withdrawn => ActivityKind.Withdrawal,
        _ => null,
    };

    private sealed partial class Transaction : IViewCountWriter
    {
        public IViewCountWriter Views => this;

        public ValueTask AddAsync(IReadOnlyCollection<ViewCount> counts, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(counts);
            ThrowIfDone();
            foreach (var count in counts)
            {
                count.Validate();
            }

            foreach (var count in counts.Where(c => c.Count > 0))
            {
                var key = (count.Day, count.FormId, count.LandingPage, count.Source);
                _working.Views.Set(key, (_working.Views.TryGetValue(key, out var before) ? before : 0) + count.Count);
            }

            return ValueTask.CompletedTask;
        }
    }
}
