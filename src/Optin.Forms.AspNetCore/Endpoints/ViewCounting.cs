using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Statistics;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// Counts a shown form or landing page (counting without tracking): the form, the landing page and the
/// <c>utm_source</c> query value only; no cookie is read or set, no IP address or user agent is looked at.
/// </summary>
internal static class ViewCounting
{
    public const string SourceQueryKey = "utm_source";

    public static void Count(HttpContext context, string formId, string? landingPage, string? variant = null)
    {
        var source = context.Request.Query[SourceQueryKey];
        context.RequestServices.GetService<ViewCounter>()?.Count(formId, landingPage, source.Count == 1 ? source[0] : null, variant);
    }
}
