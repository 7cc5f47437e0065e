using NodaTime;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.Statistics;

/// <summary>
/// The figures of the back office's overview: views, submissions, double opt-in emails sent, confirmations and
/// withdrawals over a period of days in the site's time zone (<c>OptinForms:DataProtection:TimeZone</c>, UTC by default),
/// with the confirmation rate and the median time to confirm, in total, per form, per landing page and per day. It reads
/// the store's aggregates (<see cref="IStatisticsReader"/>), never the records themselves.
/// </summary>
public sealed class StatisticsService
{
    private readonly IOptinStore _store;
    private readonly IFormCatalogProvider _catalog;
    private readonly IClock? _clock;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The store.</param>
    /// <param name="catalog">The configuration (forms, landing pages, time zone).</param>
    /// <param name="clock">The clock that decides which A/B variant counters are still kept (<see cref="VariantCounts"/>).</param>
    public StatisticsService(IOptinStore store, IFormCatalogProvider catalog, IClock clock)
        : this(store, catalog)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <summary>Creates the service.</summary>
    /// <param name="store">The store.</param>
    /// <param name="catalog">The configuration (forms, landing pages, time zone).</param>
    public StatisticsService(IOptinStore store, IFormCatalogProvider catalog)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        _store = store;
        _catalog = catalog;
    }

    /// <summary>Computes the figures of <paramref name="query"/>.</summary>
    /// <param name="query">The period and filter.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">
    /// The period ends before it starts or is longer than <see cref="StatisticsQuery.MaxDays"/> days, both a form and a
    /// landing page are asked for, or the landing page is not configured.
    /// </exception>
    public async ValueTask<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var catalog = _catalog.Current;
        var zone = catalog.DataProtection.TimeZone;
        var formFilter = Validate(query, catalog);
        var from = query.From.AtStartOfDayInZone(zone).ToInstant();
        var to = query.To.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var statistics = _store.Statistics;

        var days = new SortedDictionary<LocalDate, StatisticsFigures>();
        for (var day = query.From; day <= query.To; day = day.PlusDays(1))
        {
            days[day] = StatisticsFigures.Zero;
        }

        var forms = new Dictionary<string, StatisticsFigures>(StringComparer.Ordinal);
        var noForm = StatisticsFigures.Zero;
        var pages = new Dictionary<string, long>(StringComparer.Ordinal);
        var sources = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var view in statistics.ReadViewsAsync(query.From, query.To, cancellationToken))
        {
            if ((formFilter is not null && view.FormId != formFilter) || (query.LandingPage is not null && view.LandingPage != query.LandingPage))
            {
                continue;
            }

            days[view.Day] = days[view.Day] with { Views = days[view.Day].Views + view.Count };
            var figures = forms.GetValueOrDefault(view.FormId) ?? StatisticsFigures.Zero;
            forms[view.FormId] = figures with { Views = figures.Views + view.Count };
            if (view.LandingPage.Length > 0)
            {
                pages[view.LandingPage] = pages.GetValueOrDefault(view.LandingPage) + view.Count;
            }

            sources[view.Source] = sources.GetValueOrDefault(view.Source) + view.Count;
        }

        await foreach (var activity in statistics.ReadActivityAsync(from, to, cancellationToken))
        {
            if (formFilter is not null && activity.FormId != formFilter)
            {
                continue;
            }

            var day = activity.BucketStart.InZone(zone).Date;
            if (days.TryGetValue(day, out var dayFigures))
            {
                days[day] = dayFigures.Add(activity.Kind, activity.Count);
            }

            if (activity.FormId is { } formId)
            {
                forms[formId] = (forms.GetValueOrDefault(formId) ?? StatisticsFigures.Zero).Add(activity.Kind, activity.Count);
            }
            else
            {
                noForm = noForm.Add(activity.Kind, activity.Count);
            }
        }

        var delays = new List<Duration>();
        var delaysByForm = new Dictionary<string, List<Duration>>(StringComparer.Ordinal);
        await foreach (var delay in statistics.ReadConfirmationDelaysAsync(from, to, cancellationToken))
        {
            if (formFilter is not null && delay.FormId != formFilter)
            {
                continue;
            }

            delays.Add(delay.Delay);
            if (delay.FormId is { } formId)
            {
                (delaysByForm.TryGetValue(formId, out var list) ? list : delaysByForm[formId] = []).Add(delay.Delay);
            }
        }

        var formRows = new List<FormStatistics>();
        foreach (var id in catalog.Forms.Keys.Order(StringComparer.Ordinal).Concat(forms.Keys.Where(k => !catalog.Forms.ContainsKey(k)).Order(StringComparer.Ordinal)))
        {
            if (formFilter is null || id == formFilter)
            {
                formRows.Add(new FormStatistics(id, forms.GetValueOrDefault(id) ?? StatisticsFigures.Zero, Median(delaysByForm.GetValueOrDefault(id))));
            }
        }

        if (noForm != StatisticsFigures.Zero)
        {
            formRows.Add(new FormStatistics(null, noForm, null));
        }

        var pageRows = catalog.LandingPages.Values
            .Where(p => (query.LandingPage is null || p.Slug == query.LandingPage) && (query.FormId is null || p.Form.Id == query.FormId))
            .OrderBy(p => p.Slug, StringComparer.Ordinal)
            .Select(p => new LandingPageStatistics(p.Slug, p.Form.Id, pages.GetValueOrDefault(p.Slug)))
            .ToList();
        for (var i = 0; i < pageRows.Count; i++)
        {
            var page = catalog.LandingPages[pageRows[i].Slug];
            if (!page.Variants.IsEmpty)
            {
                pageRows[i] = pageRows[i] with
                {
                    Variants = await VariantCounts.ReadAsync(_store, page, query.From, query.To, _clock?.GetCurrentInstant() ?? Instant.MinValue, cancellationToken),
                };
            }
        }

        var total = days.Values.Aggregate(StatisticsFigures.Zero, (sum, d) => new StatisticsFigures(sum.Views + d.Views, sum.Submissions + d.Submissions,
            sum.DoubleOptinEmailsSent + d.DoubleOptinEmailsSent, sum.Confirmations + d.Confirmations, sum.Withdrawals + d.Withdrawals));
        return new StatisticsReport(query, zone, total, Median(delays), formRows, pageRows,
            [.. sources.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => new SourceStatistics(s.Key, s.Value))],
            [.. days.Select(d => new DayStatistics(d.Key, d.Value))]);
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the two middle ones for an even count), or null.</summary>
    internal static Duration? Median(List<Duration>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : values[middle - 1] + ((values[middle] - values[middle - 1]) / 2);
    }

    /// <summary>Checks the query; returns the form the activity is filtered on (a landing page's form), if any.</summary>
    private static string? Validate(StatisticsQuery query, FormCatalog catalog)
    {
        if (query.To < query.From)
        {
            throw new ArgumentException($"The period ends ({query.To:uuuu-MM-dd}) before it starts ({query.From:uuuu-MM-dd}).", nameof(query));
        }

        if (Period.Between(query.From, query.To, PeriodUnits.Days).Days >= StatisticsQuery.MaxDays)
        {
            throw new ArgumentException($"The period is longer than {StatisticsQuery.MaxDays} days.", nameof(query));
        }

        if (query.LandingPage is null)
        {
            return query.FormId;
        }

        if (query.FormId is not null)
        {
            throw new ArgumentException("Ask for one form or one landing page, not both.", nameof(query));
        }

        return catalog.LandingPages.GetValueOrDefault(query.LandingPage)?.Form.Id
            ?? throw new ArgumentException($"No landing page is configured with the slug '{query.LandingPage}'.", nameof(query));
    }
}
