using Microsoft.AspNetCore.Http;

namespace Optin.Forms.AspNetCore.Http;

/// <summary>Headers every Optin.Forms page sends (SEC-9 for the confirmation and unsubscribe pages, and the rest alike).</summary>
internal static class SecurityHeaders
{
    /// <summary>Pages load nothing from elsewhere: styles and scripts from this site only, forms post here only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Sets the headers on <paramref name="response"/>.</summary>
    /// <param name="response">The response.</param>
    /// <param name="frameable">Whether other sites may frame the page (the embeddable fragment).</param>
    public static void Apply(HttpResponse response, bool frameable = false)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = frameable
            ? ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors *", StringComparison.Ordinal)
            : ContentSecurityPolicy;
        if (!frameable)
        {
            headers.XFrameOptions = "DENY";
        }
        else
        {
            headers.Remove("X-Frame-Options");
        }
    }
}
