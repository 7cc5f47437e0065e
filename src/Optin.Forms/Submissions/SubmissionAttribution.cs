using System.Collections.Immutable;
using Optin.Forms.Schema;

namespace Optin.Forms.Submissions;

/// <summary>
/// Where a submission came from, as marketing counts it: the landing page and the A/B variant shown, the visit's
/// <c>utm_source</c>, <c>utm_medium</c> and <c>utm_campaign</c>, and the host of the page that referred the visitor.
/// </summary>
/// <remarks>
/// Nothing here identifies a person: the UTM values are kept only when short and plain (letters, digits, space and
/// <c>. - _ ~ +</c>, at most <see cref="MaxValueLength"/> characters, lower case), so that an address or a token put in a
/// link cannot arrive through them; the referrer is reduced to its host. A store that keeps submission values as a
/// map may keep these under <see cref="Keys"/>, names no form field can take (a field name starts with a letter).
/// </remarks>
public sealed record SubmissionAttribution
{
    /// <summary>The prefix of the reserved names the attribution is kept under beside the field values.</summary>
    public const string KeyPrefix = "__optin_";

    /// <summary>The longest UTM value kept (a longer one counts as none).</summary>
    public const int MaxValueLength = 64;

    /// <summary>The longest referrer host kept.</summary>
    public const int MaxHostLength = 253;

    /// <summary>The landing page's slug, or <see langword="null"/> for a form posted from elsewhere.</summary>
    public string? LandingPage { get; init; }

    /// <summary>The variant of the landing page that was shown, or <see langword="null"/>.</summary>
    public string? Variant { get; init; }

    /// <summary>The visit's <c>utm_source</c>, or <see langword="null"/>.</summary>
    public string? UtmSource { get; init; }

    /// <summary>The visit's <c>utm_medium</c>, or <see langword="null"/>.</summary>
    public string? UtmMedium { get; init; }

    /// <summary>The visit's <c>utm_campaign</c>, or <see langword="null"/>.</summary>
    public string? UtmCampaign { get; init; }

    /// <summary>The host of the page that referred the visitor to the form (host only: no path, no query), or <see langword="null"/>.</summary>
    public string? ReferrerHost { get; init; }

    /// <summary>Whether nothing is known.</summary>
    public bool IsEmpty => LandingPage is null && Variant is null && UtmSource is null && UtmMedium is null && UtmCampaign is null && ReferrerHost is null;

    /// <summary>The reserved names, in the order exports list them, with how to read each.</summary>
    public static ImmutableArray<(string Key, Func<SubmissionAttribution, string?> Read)> Keys { get; } =
    [
        (KeyPrefix + "landing_page", a => a.LandingPage),
        (KeyPrefix + "variant", a => a.Variant),
        (KeyPrefix + "utm_source", a => a.UtmSource),
        (KeyPrefix + "utm_medium", a => a.UtmMedium),
        (KeyPrefix + "utm_campaign", a => a.UtmCampaign),
        (KeyPrefix + "referrer_host", a => a.ReferrerHost),
    ];

    /// <summary>The column names of the exports, in the order of <see cref="Keys"/>.</summary>
    public static ImmutableArray<string> ColumnNames { get; } = ["landing_page", "variant", "utm_source", "utm_medium", "utm_campaign", "referrer_host"];

    /// <summary>The values of <see cref="ColumnNames"/>, in order.</summary>
    public IEnumerable<string?> Columns() => Keys.Select(k => k.Read(this));

    /// <summary>The values known, as <c>name=value</c> with the export column names, joined by commas (for evidence pages).</summary>
    public string Describe() =>
        string.Join(", ", ColumnNames.Zip(Columns()).Where(p => p.Second is not null).Select(p => p.First + "=" + p.Second));

    /// <summary>The attribution as reserved-name pairs (only the values known).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToPairs() =>
        Keys.Select(k => (k.Key, Value: k.Read(this))).Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!));

    /// <summary>Reads the attribution kept under the reserved names of <paramref name="pairs"/>; <see langword="null"/> when none is.</summary>
    /// <param name="pairs">Stored values, field values and reserved names mixed.</param>
    public static SubmissionAttribution? FromPairs(IReadOnlyDictionary<string, string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var a = new SubmissionAttribution
        {
            LandingPage = pairs.GetValueOrDefault(Keys[0].Key),
            Variant = pairs.GetValueOrDefault(Keys[1].Key),
            UtmSource = pairs.GetValueOrDefault(Keys[2].Key),
            UtmMedium = pairs.GetValueOrDefault(Keys[3].Key),
            UtmCampaign = pairs.GetValueOrDefault(Keys[4].Key),
            ReferrerHost = pairs.GetValueOrDefault(Keys[5].Key),
        };
        return a.IsEmpty ? null : a;
    }

    /// <summary>Whether <paramref name="key"/> is a reserved name (no form field can take it).</summary>
    /// <param name="key">A value's name.</param>
    public static bool IsReserved(string key) => key is not null && key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The attribution as kept for a post of <paramref name="formId"/>: UTM values and the host cleaned
    /// (<see cref="CleanValue"/>, <see cref="CleanHost"/>); a landing page that is not configured, or that does not hold
    /// this form, is dropped with its variant; a variant the page does not have is dropped. <see langword="null"/> when
    /// nothing is left.
    /// </summary>
    /// <param name="raw">What the request carried.</param>
    /// <param name="catalog">The configuration.</param>
    /// <param name="formId">The form posted.</param>
    public static SubmissionAttribution? Clean(SubmissionAttribution? raw, FormCatalog catalog, string formId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (raw is null)
        {
            return null;
        }

        var page = raw.LandingPage is { } slug && catalog.LandingPages.GetValueOrDefault(slug) is { } p && p.Holds(formId) ? p : null;
        var variant = page?.FindVariant(raw.Variant);
        var clean = new SubmissionAttribution
        {
            LandingPage = page?.Slug,
            Variant = variant is not null && string.Equals(variant.Form.Id, formId, StringComparison.OrdinalIgnoreCase) ? variant.Id : null,
            UtmSource = CleanValue(raw.UtmSource),
            UtmMedium = CleanValue(raw.UtmMedium),
            UtmCampaign = CleanValue(raw.UtmCampaign),
            ReferrerHost = CleanHost(raw.ReferrerHost),
        };
        return clean.IsEmpty ? null : clean;
    }

    /// <summary>
    /// A UTM value as kept: trimmed, lower case, at most <see cref="MaxValueLength"/> characters of letters, digits,
    /// space and <c>. - _ ~ +</c>; anything else (too long, an address with <c>@</c>, control characters) is no value.
    /// </summary>
    /// <param name="value">The raw query value.</param>
    public static string? CleanValue(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxValueLength)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_' or '~' or '+' or ' '))
            {
                return null;
            }
        }

        return text.ToLowerInvariant();
    }

    /// <summary>
    /// The host of a referrer as kept: from an absolute http(s) URL (or a bare host), lower case, IDN in its ASCII form,
    /// without port, user, path or query; <see langword="null"/> for anything else.
    /// </summary>
    /// <param name="referrer">The referrer URL or host.</param>
    public static string? CleanHost(string? referrer)
    {
        if (string.IsNullOrWhiteSpace(referrer) || referrer.Length > 2048)
        {
            return null;
        }

        var text = referrer.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host.Length is 0 or > MaxHostLength)
        {
            return null;
        }

        foreach (var c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or ':' or '[' or ']'))
            {
                return null;
            }
        }

        return host;
    }
}
