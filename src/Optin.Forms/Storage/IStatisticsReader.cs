using NodaTime;
using Optin.Forms.Statistics;

namespace Optin.Forms.Storage;

/// <summary>
/// The aggregate reads behind the back office's overview: grouped in the store, so that a period with 100,000 contacts
/// reads a few thousand rows, never the records themselves.
/// </summary>
public interface IStatisticsReader
{
    /// <summary>Streams the daily view counts from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <param name="first">The first day.</param>
    /// <param name="last">The last day.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<ViewCount> ReadViewsAsync(LocalDate first, LocalDate last, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the submissions, double opt-in emails sent, confirmations and withdrawals in [<paramref name="start"/>,
    /// <paramref name="until"/>), counted per <see cref="StatisticsBuckets.Size"/> bucket, form and kind (no empty bucket).
    /// </summary>
    /// <param name="start">The start (included).</param>
    /// <param name="until">The end (excluded).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<ActivityCount> ReadActivityAsync(Instant start, Instant until, CancellationToken cancellationToken);

    /// <summary>
    /// Streams, for each confirmation in [<paramref name="start"/>, <paramref name="until"/>) whose submission the store still
    /// holds, the time from that submission to the confirmation.
    /// </summary>
    /// <param name="start">The start (included).</param>
    /// <param name="until">The end (excluded).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<ConfirmationDelay> ReadConfirmationDelaysAsync(Instant start, Instant until, CancellationToken cancellationToken);
}
