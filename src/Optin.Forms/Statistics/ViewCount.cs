using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>
/// A daily aggregate of page views: how many times a form (on its own page, as a fragment or on a landing page) was shown
/// on one day. No cookie, no IP address, no per-view row: nothing links a view to a person or to a submission.
/// </summary>
/// <param name="Day">The day, in the site's time zone (<c>OptinForms:DataProtection:TimeZone</c>, UTC by default).</param>
/// <param name="FormId">The form shown.</param>
/// <param name="LandingPage">The landing page's slug, or empty when the form was shown on its own page or as a fragment.</param>
/// <param name="Source">The visit's <c>utm_source</c> (trimmed, lower case, at most 64 characters), or empty.</param>
/// <param name="Count">The number of views.</param>
public sealed record ViewCount(LocalDate Day, string FormId, string LandingPage, string Source, long Count)
{
    /// <summary>The longest form id or landing page slug a count can name.</summary>
    public const int MaxIdLength = 100;

    /// <summary>The longest source kept (a longer <c>utm_source</c> counts as none).</summary>
    public const int MaxSourceLength = 64;

    /// <summary>Checks the lengths a store can hold.</summary>
    /// <exception cref="ArgumentException">The form id is empty or too long, or the landing page or source is too long or null.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(FormId) || FormId.Length > MaxIdLength)
        {
            throw new ArgumentException($"A view count names a form id of 1 to {MaxIdLength} characters.", nameof(FormId));
        }

        if (LandingPage is null || LandingPage.Length > MaxIdLength)
        {
            throw new ArgumentException($"A view count's landing page is empty or a slug of at most {MaxIdLength} characters.", nameof(LandingPage));
        }

        if (Source is null || Source.Length > MaxSourceLength)
        {
            throw new ArgumentException($"A view count's source is empty or at most {MaxSourceLength} characters.", nameof(Source));
        }
    }
}
