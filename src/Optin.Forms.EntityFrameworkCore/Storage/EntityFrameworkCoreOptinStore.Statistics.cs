using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Statistics;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// The back office's overview: every figure is grouped in the database (by quarter hour, form and kind), so that a period
/// with 100,000 contacts reads a few thousand rows; the indexes on the ledger's and the submissions' times serve the ranges.
/// </content>
internal sealed partial class EntityFrameworkCoreOptinStore : IStatisticsReader
{
    private const int EmailSent = (int)ConsentEventKind.EmailSent;
    private const int Confirmed = (int)ConsentEventKind.Confirmed;
    private const int Withdrawn = (int)ConsentEventKind.Withdrawn;
    private const int Pending = (int)OptinState.PendingConfirmation;

    public IStatisticsReader Statistics => this;

    public async IAsyncEnumerable<ViewCount> ReadViewsAsync(LocalDate first, LocalDate last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = ViewDays.ToNumber(first);
        var to = ViewDays.ToNumber(last);
        List<ViewCountEntity> rows;
        await using (var lease = await source.CreateAsync(cancellationToken))
        {
            rows = await lease.Context.Set<ViewCountEntity>().AsNoTracking().Where(v => v.Day >= from && v.Day <= to).ToListAsync(cancellationToken);
        }

        foreach (var row in rows.OrderBy(r => r.Day).ThenBy(r => r.FormId, StringComparer.Ordinal).ThenBy(r => r.LandingPage, StringComparer.Ordinal)
                     .ThenBy(r => r.Source, StringComparer.Ordinal))
        {
            yield return new ViewCount(ViewDays.FromNumber(row.Day), row.FormId, row.LandingPage, row.Source, row.Views);
        }
    }

    public async IAsyncEnumerable<ActivityCount> ReadActivityAsync(Instant start, Instant until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const long bucket = StatisticsBuckets.Milliseconds;
        var from = start.ToUnixTimeMilliseconds();
        var to = until.ToUnixTimeMilliseconds();
        var counts = new List<ActivityCount>();
        await using (var lease = await source.CreateAsync(cancellationToken))
        {
            var submissions = await lease.Context.Set<SubmissionEntity>().AsNoTracking()
                .Where(s => s.ReceivedAt >= from && s.ReceivedAt < to)
                .GroupBy(s => new { Bucket = s.ReceivedAt / bucket, s.FormId })
                .Select(g => new { g.Key.Bucket, g.Key.FormId, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
            counts.AddRange(submissions.Select(s => new ActivityCount(Instant.FromUnixTimeMilliseconds(s.Bucket * bucket), s.FormId, ActivityKind.Submission, s.Count)));
            var events = await lease.Context.Set<ConsentEventEntity>().AsNoTracking()
                .Where(e => e.OccurredAt >= from && e.OccurredAt < to
                    && ((e.Kind == EmailSent && e.State == Pending) || e.Kind == Confirmed || e.Kind == Withdrawn))
                .GroupBy(e => new { Bucket = e.OccurredAt / bucket, e.FormId, e.Kind })
                .Select(g => new { g.Key.Bucket, g.Key.FormId, g.Key.Kind, Count = g.LongCount() })
                .ToListAsync(cancellationToken);
            counts.AddRange(events.Select(e => new ActivityCount(Instant.FromUnixTimeMilliseconds(e.Bucket * bucket), e.FormId,
                e.Kind switch { EmailSent => ActivityKind.DoubleOptinEmailSent, Confirmed => ActivityKind.Confirmation, _ => ActivityKind.Withdrawal }, e.Count)));
        }

        foreach (var count in counts.OrderBy(c => c.BucketStart))
        {
            yield return count;
        }
    }

    public async IAsyncEnumerable<ConfirmationDelay> ReadConfirmationDelaysAsync(Instant start, Instant until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var low = start.ToUnixTimeMilliseconds();
        var high = until.ToUnixTimeMilliseconds();
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = (from e in lease.Context.Set<ConsentEventEntity>().AsNoTracking()
                    where e.Kind == Confirmed && e.OccurredAt >= low && e.OccurredAt < high && e.SubmissionId != null
                    join s in lease.Context.Set<SubmissionEntity>().AsNoTracking() on e.SubmissionId equals (Guid?)s.Id
                    orderby e.OccurredAt
                    select new { s.FormId, e.OccurredAt, s.ReceivedAt }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new ConfirmationDelay(row.FormId, Instant.FromUnixTimeMilliseconds(row.OccurredAt), Duration.FromMilliseconds(row.OccurredAt - row.ReceivedAt));
        }
    }
}
