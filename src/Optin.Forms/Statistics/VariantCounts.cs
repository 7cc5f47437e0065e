using System.Globalization;
using NodaTime;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Statistics;

/// <summary>
/// The daily figures of each A/B variant of a landing page: views, submissions and confirmations. They are counters of
/// the store's counters part (<see cref="ICounterWriter"/>), one per day, page, variant and kind, kept
/// <see cref="KeptFor"/>: no schema of their own, no per-view row, no cookie, no IP address. A submission and a
/// confirmation are counted in the transaction that stores them, so these two figures are exact; views are buffered by
/// the <see cref="ViewCounter"/> like every view.
/// </summary>
public static class VariantCounts
{
    /// <summary>The kind of a view.</summary>
    public const string Views = "view";

    /// <summary>The kind of a submission.</summary>
    public const string Submissions = "submission";

    /// <summary>The kind of a confirmed opt-in.</summary>
    public const string Confirmations = "confirmation";

    /// <summary>How long a day's counters are kept: a little more than the longest period a report covers.</summary>
    public static readonly Duration KeptFor = Duration.FromDays(StatisticsQuery.MaxDays + 34);

    /// <summary>The counter of one day, page, variant and kind.</summary>
    /// <param name="day">The day in the site's time zone.</param>
    /// <param name="landingPage">The landing page's slug.</param>
    /// <param name="variant">The variant's id.</param>
    /// <param name="kind"><see cref="Views"/>, <see cref="Submissions"/> or <see cref="Confirmations"/>.</param>
    public static string Key(LocalDate day, string landingPage, string variant, string kind)
    {
        ArgumentNullException.ThrowIfNull(landingPage);
        ArgumentNullException.ThrowIfNull(variant);
        return string.Create(CultureInfo.InvariantCulture,
            $"variant|{day.Year:D4}{day.Month:D2}{day.Day:D2}|{kind}|{landingPage.ToLowerInvariant()}|{variant.ToLowerInvariant()}");
    }

    /// <summary>Adds <paramref name="count"/> to a counter in <paramref name="tx"/>, dated <paramref name="now"/>.</summary>
    internal static async ValueTask AddAsync(IOptinTransaction tx, FormCatalog catalog, string landingPage, string variant, string kind,
        long count, Instant now, CancellationToken cancellationToken)
    {
        await AddAsync(tx, catalog, now.InZone(catalog.DataProtection.TimeZone).Date, landingPage, variant, kind, count, now, cancellationToken);
    }

    /// <summary>Adds <paramref name="count"/> to the counter of <paramref name="day"/> in <paramref name="tx"/>.</summary>
    internal static async ValueTask AddAsync(IOptinTransaction tx, FormCatalog catalog, LocalDate day, string landingPage, string variant,
        string kind, long count, Instant now, CancellationToken cancellationToken)
    {
        var expires = day.PlusDays(1).AtStartOfDayInZone(catalog.DataProtection.TimeZone).ToInstant() + KeptFor;
        await tx.Counters.AddAsync(Key(day, landingPage, variant, kind), count, now, expires, cancellationToken);
    }

    /// <summary>Counts one submission or confirmation of the variant <paramref name="attribution"/> names, if it names one.</summary>
    internal static ValueTask CountAsync(IOptinTransaction tx, FormCatalog catalog, SubmissionAttribution? attribution, string kind,
        Instant now, CancellationToken cancellationToken) =>
        attribution is { LandingPage: { } page, Variant: { } variant }
            ? AddAsync(tx, catalog, page, variant, kind, 1, now, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Reads the figures of each variant of <paramref name="page"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static async ValueTask<IReadOnlyList<VariantStatistics>> ReadAsync(IOptinStore store, LandingPageDefinition page,
        LocalDate from, LocalDate to, Instant now, CancellationToken cancellationToken)
    {
        if (page.Variants.IsEmpty)
        {
            return [];
        }

        var rows = new List<VariantStatistics>(page.Variants.Length);
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        foreach (var variant in page.Variants)
        {
            long views = 0, submissions = 0, confirmations = 0;
            for (var day = from; day <= to; day = day.PlusDays(1))
            {
                views += await tx.Counters.GetAsync(Key(day, page.Slug, variant.Id, Views), now, cancellationToken);
                submissions += await tx.Counters.GetAsync(Key(day, page.Slug, variant.Id, Submissions), now, cancellationToken);
                confirmations += await tx.Counters.GetAsync(Key(day, page.Slug, variant.Id, Confirmations), now, cancellationToken);
            }

            rows.Add(new VariantStatistics(variant.Id, variant.Weight, views, submissions, confirmations));
        }

        return rows;
    }
}
