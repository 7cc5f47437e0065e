using NodaTime;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.Statistics;

/// <summary>
/// Counts views of forms and landing pages without tracking: no cookie, no IP address, no third party, no per-view row.
/// A view adds one to an in-memory (day, form, landing page, <c>utm_source</c>) counter; the counters are written to the
/// store in one transaction every <see cref="FlushInterval"/> and when the host stops, so that counting costs a page a
/// dictionary update. A crash loses at most the views of the last interval: these are statistics, not proof.
/// </summary>
public sealed class ViewCounter
{
    /// <summary>
    /// The most distinct counters held between two writes. Past it, a view with a new source counts without its source,
    /// so that random <c>utm_source</c> values cannot grow memory (forms and landing pages come from the configuration).
    /// </summary>
    public const int MaxBufferedCounters = 10_000;

    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider _catalog;
    private readonly Lock _lock = new();
    private Dictionary<(LocalDate Day, string FormId, string LandingPage, string Source), long> _pending = [];
    private Dictionary<(LocalDate Day, string LandingPage, string Variant), long> _variants = [];

    /// <summary>Creates the counter.</summary>
    /// <param name="store">The store the counts are written to.</param>
    /// <param name="clock">The clock that dates each view.</param>
    /// <param name="catalog">The configuration: its time zone (<c>OptinForms:DataProtection:TimeZone</c>) decides the day.</param>
    public ViewCounter(IOptinStore store, IClock clock, IFormCatalogProvider catalog)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(catalog);
        _store = store;
        _clock = clock;
        _catalog = catalog;
    }

    /// <summary>How often the counts are written to the store (one minute by default).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The number of distinct counters waiting for the next write.</summary>
    public int PendingCounters
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Counts one view of <paramref name="formId"/>, on the landing page <paramref name="landingPage"/> if any.</summary>
    /// <param name="formId">The form shown (a configured form: the caller checks it).</param>
    /// <param name="landingPage">The landing page's slug, or <see langword="null"/>.</param>
    /// <param name="utmSource">The request's raw <c>utm_source</c> query value, or <see langword="null"/>.</param>
    public void Count(string formId, string? landingPage, string? utmSource) => Count(formId, landingPage, utmSource, null);

    /// <summary>
    /// Counts one view of <paramref name="formId"/>, on the landing page <paramref name="landingPage"/> if any, showing
    /// its A/B variant <paramref name="variant"/> if any (<see cref="VariantCounts"/>).
    /// </summary>
    /// <param name="formId">The form shown (a configured form: the caller checks it).</param>
    /// <param name="landingPage">The landing page's slug, or <see langword="null"/>.</param>
    /// <param name="utmSource">The request's raw <c>utm_source</c> query value, or <see langword="null"/>.</param>
    /// <param name="variant">The variant shown (a configured one: the caller chose it), or <see langword="null"/>.</param>
    public void Count(string formId, string? landingPage, string? utmSource, string? variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(formId);
        if (formId.Length > ViewCount.MaxIdLength || landingPage?.Length > ViewCount.MaxIdLength)
        {
            return;
        }

        var day = _clock.GetCurrentInstant().InZone(_catalog.Current.DataProtection.TimeZone).Date;
        var key = (day, formId, landingPage ?? string.Empty, NormalizeSource(utmSource));
        lock (_lock)
        {
            if (!_pending.ContainsKey(key) && _pending.Count >= MaxBufferedCounters)
            {
                key.Item4 = string.Empty;
            }

            _pending[key] = _pending.GetValueOrDefault(key) + 1;
            if (landingPage is not null && variant is not null)
            {
                // Variants come from the configuration: this dictionary is bounded by days × pages × variants.
                var at = (day, landingPage, variant);
                _variants[at] = _variants.GetValueOrDefault(at) + 1;
            }
        }
    }

    /// <summary>Writes the pending counts to the store in one transaction; on failure they stay pending for the next write.</summary>
    /// <param name="cancellationToken">Cancels the write (the counts then stay pending).</param>
    /// <returns>The number of counters written.</returns>
    public async ValueTask<int> FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(LocalDate Day, string FormId, string LandingPage, string Source), long> taken;
        Dictionary<(LocalDate Day, string LandingPage, string Variant), long> variants;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return 0;
            }

            taken = _pending;
            _pending = [];
            variants = _variants;
            _variants = [];
        }

        try
        {
            var counts = taken.Select(p => new ViewCount(p.Key.Day, p.Key.FormId, p.Key.LandingPage, p.Key.Source, p.Value)).ToList();
            await using var tx = await _store.BeginTransactionAsync(cancellationToken);
            await tx.Views.AddAsync(counts, cancellationToken);
            var catalog = _catalog.Current;
            var now = _clock.GetCurrentInstant();
            foreach (var ((day, page, variant), count) in variants)
            {
                await VariantCounts.AddAsync(tx, catalog, day, page, variant, VariantCounts.Views, count, now, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            return counts.Count;
        }
        catch (NotSupportedException)
        {
            // A store written before view counting existed keeps no counts (IOptinTransaction.Views): they are dropped.
            return 0;
        }
        catch
        {
            Restore(taken, variants);
            throw;
        }
    }

    /// <summary>
    /// The <c>utm_source</c> as kept: trimmed, lower case, at most <see cref="ViewCount.MaxSourceLength"/> characters of
    /// letters, digits and <c>. - _ ~ +</c>. Anything else (too long, an address with <c>@</c>, control characters) is
    /// no source, so that no personal data can arrive through it.
    /// </summary>
    /// <param name="value">The raw query value.</param>
    /// <returns>The source, or empty.</returns>
    public static string NormalizeSource(string? value)
    {
        var source = value?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > ViewCount.MaxSourceLength)
        {
            return string.Empty;
        }

        foreach (var c in source)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_' or '~' or '+'))
            {
                return string.Empty;
            }
        }

        return source.ToLowerInvariant();
    }

    private void Restore(Dictionary<(LocalDate Day, string FormId, string LandingPage, string Source), long> taken,
        Dictionary<(LocalDate Day, string LandingPage, string Variant), long> variants)
    {
        lock (_lock)
        {
            foreach (var (key, count) in variants)
            {
                _variants[key] = _variants.GetValueOrDefault(key) + count;
            }

            foreach (var (key, count) in taken)
            {
                var at = key;
                if (!_pending.ContainsKey(at) && _pending.Count >= MaxBufferedCounters)
                {
                    at.Source = string.Empty;
                }

                _pending[at] = _pending.GetValueOrDefault(at) + count;
            }
        }
    }
}
