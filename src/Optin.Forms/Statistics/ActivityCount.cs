using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>How many events of one kind happened in one time bucket (<see cref="StatisticsBuckets.Size"/>) for one form.</summary>
/// <param name="BucketStart">The start of the bucket (a multiple of <see cref="StatisticsBuckets.Size"/> since the Unix epoch).</param>
/// <param name="FormId">The form, or <see langword="null"/> when the event names none (e.g. a withdrawal by an unsubscribe link).</param>
/// <param name="Kind">What was counted.</param>
/// <param name="Count">How many.</param>
public sealed record ActivityCount(Instant BucketStart, string? FormId, ActivityKind Kind, long Count);
