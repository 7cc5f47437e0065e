using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>One day's counts.</summary>
/// <param name="Day">The day, in the report's time zone.</param>
/// <param name="Figures">Its counts.</param>
public sealed record DayStatistics(LocalDate Day, StatisticsFigures Figures);
