using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>A period of days, in the site's time zone, and optionally one form or one landing page.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day (included).</param>
public sealed record StatisticsQuery(LocalDate From, LocalDate To)
{
    /// <summary>The longest period a query covers: 366 days.</summary>
    public const int MaxDays = 366;

    /// <summary>Only this form, or every form when <see langword="null"/>.</summary>
    public string? FormId { get; init; }

    /// <summary>
    /// Only this landing page (its slug): its views, and the figures of its form (a submission does not record the page
    /// it came from). <see langword="null"/> for none.
    /// </summary>
    public string? LandingPage { get; init; }
}
