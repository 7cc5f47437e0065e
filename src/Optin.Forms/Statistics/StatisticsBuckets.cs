using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>
/// The store counts events in buckets of a quarter of an hour since the Unix epoch, so that the statistics service can
/// place each bucket on its day in any time zone (every zone's offset is a multiple of 15 minutes) without the store
/// knowing time zones.
/// </summary>
public static class StatisticsBuckets
{
    /// <summary>The size of a bucket: 15 minutes.</summary>
    public static readonly Duration Size = Duration.FromMinutes(15);

    /// <summary>The size of a bucket in milliseconds.</summary>
    public const long Milliseconds = 15 * 60 * 1000;

    /// <summary>The start of the bucket that holds <paramref name="instant"/>.</summary>
    public static Instant StartOf(Instant instant) =>
        Instant.FromUnixTimeMilliseconds(Math.DivRem(instant.ToUnixTimeMilliseconds(), Milliseconds, out var rest) * Milliseconds
            - (rest < 0 ? Milliseconds : 0));
}
