using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// The back office speaks French and English: the <c>culture</c> query value (remembered in a functional cookie,
/// no tracking), else the cookie, else <c>Accept-Language</c>, else English.
/// </summary>
internal static class DashboardCultures
{
    public const string English = "en";
    public const string French = "fr";
    public const string QueryKey = "culture";
    public const string CookieName = "optin-dashboard-culture";

    public static string Resolve(HttpContext context)
    {
        if (Match(context.Request.Query[QueryKey].ToString()) is { } fromQuery)
        {
            context.Response.Cookies.Append(CookieName, fromQuery, new CookieOptions
            {
                HttpOnly = true,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            return fromQuery;
        }

        if (Match(context.Request.Cookies[CookieName]) is { } fromCookie)
        {
            return fromCookie;
        }

        foreach (var language in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            if (language.Quality is not 0 && Match(language.Value.Value) is { } match)
            {
                return match;
            }
        }

        return English;
    }

    private static string? Match(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.StartsWith(French, StringComparison.OrdinalIgnoreCase) ? French
            : value.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }
}
