using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>The figures of a period: in total, per form, per landing page, per source and per day.</summary>
/// <param name="Query">The period and filter asked for.</param>
/// <param name="Zone">The time zone the days are in.</param>
/// <param name="Total">The counts of the whole period.</param>
/// <param name="MedianTimeToConfirm">The median time from submission to confirmation, or <see langword="null"/> with no confirmation.</param>
/// <param name="Forms">Each form's figures (configured forms first, then others seen, then what names no form).</param>
/// <param name="LandingPages">Each landing page's views.</param>
/// <param name="Sources">Views per <c>utm_source</c> (empty: none), most first.</param>
/// <param name="Days">Each day of the period, with its counts (days without any included).</param>
public sealed record StatisticsReport(StatisticsQuery Query, DateTimeZone Zone, StatisticsFigures Total, Duration? MedianTimeToConfirm,
    IReadOnlyList<FormStatistics> Forms, IReadOnlyList<LandingPageStatistics> LandingPages, IReadOnlyList<SourceStatistics> Sources,
    IReadOnlyList<DayStatistics> Days);
