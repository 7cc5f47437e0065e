using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Http;

/// <summary>
/// Carries where a visit came from (landing page, A/B variant, <c>utm_*</c> values, referrer host) from the page that
/// showed a form to its post, in one hidden field protected with ASP.NET Core Data Protection: no cookie, nothing stored
/// before the post, and a post cannot claim a landing page or variant it was not shown (a forged or moved value is
/// ignored, the submission is kept without attribution).
/// </summary>
internal sealed class AttributionCarrier(IDataProtectionProvider provider)
{
    /// <summary>The hidden field holding the protected attribution.</summary>
    public const string FieldName = "__optin_attribution";

    private const char Separator = '\u001f';
    private const int MaxTokenLength = 2048;

    private readonly IDataProtector _protector = provider.CreateProtector("Optin.Forms.AspNetCore.Attribution.v1");

    /// <summary>
    /// What the request that shows a form tells of the visit: its <c>utm_source</c>, <c>utm_medium</c> and
    /// <c>utm_campaign</c> query values and its <c>Referer</c> header's host, cleaned; with the landing page and variant shown.
    /// </summary>
    public static SubmissionAttribution? FromRequest(HttpContext context, string? landingPage, string? variant)
    {
        var query = context.Request.Query;
        var attribution = new SubmissionAttribution
        {
            LandingPage = landingPage,
            Variant = variant,
            UtmSource = SubmissionAttribution.CleanValue(Single(query["utm_source"])),
            UtmMedium = SubmissionAttribution.CleanValue(Single(query["utm_medium"])),
            UtmCampaign = SubmissionAttribution.CleanValue(Single(query["utm_campaign"])),
            ReferrerHost = SubmissionAttribution.CleanHost(Single(context.Request.Headers.Referer)),
        };
        return attribution.IsEmpty ? null : attribution;
    }

    /// <summary>The protected value of <paramref name="attribution"/> for a form of <paramref name="formId"/>.</summary>
    public string Protect(string formId, SubmissionAttribution attribution) =>
        _protector.Protect(string.Join(Separator, formId, attribution.LandingPage, attribution.Variant, attribution.UtmSource,
            attribution.UtmMedium, attribution.UtmCampaign, attribution.ReferrerHost));

    /// <summary>The attribution a post of <paramref name="formId"/> carries, or <see langword="null"/> when none, forged or for another form.</summary>
    public SubmissionAttribution? Read(string formId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split(Separator);
        if (parts.Length != 7 || !string.Equals(parts[0], formId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new SubmissionAttribution
        {
            LandingPage = Blank(parts[1]),
            Variant = Blank(parts[2]),
            UtmSource = Blank(parts[3]),
            UtmMedium = Blank(parts[4]),
            UtmCampaign = Blank(parts[5]),
            ReferrerHost = Blank(parts[6]),
        };
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}
