using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;

namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// The back office's layout: a skip link, the navigation (current section marked), the page's content, the language
/// switch. One local stylesheet and, where a page asks, local deferred scripts; never an inline script or style
/// attribute (the CSP of <see cref="SecurityHeaders"/> stays as strict as the public pages').
/// </summary>
internal static class DashboardLayout
{
    private static readonly DashboardText SkipToContent = new("Skip to content", "Aller au contenu");
    private static readonly DashboardText Navigation = new("Back office", "Administration");
    private static readonly DashboardText Language = new("Language", "Langue");
    private static readonly DashboardText SignedInAs = new("Signed in as", "Connecté en tant que");

    /// <summary>Renders a whole page around <paramref name="bodyHtml"/> (already encoded HTML).</summary>
    /// <param name="request">The request.</param>
    /// <param name="section">The section the page belongs to (marked in the navigation).</param>
    /// <param name="title">The page's title (plain text; the layout encodes it).</param>
    /// <param name="bodyHtml">The page's content.</param>
    /// <param name="scripts">Local scripts under the dashboard's assets (e.g. <c>dashboard.js</c>), loaded deferred.</param>
    public static string Render(DashboardRequest request, DashboardSection section, string title, string bodyHtml, params string[] scripts)
    {
        var web = request.Context.RequestServices.GetRequiredService<IOptionsMonitor<OptinFormsWebOptions>>().CurrentValue;
        var html = new StringBuilder(bodyHtml.Length + 4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(request.Culture).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n")
            .Append("<title>").Append(Html.Encode(title)).Append(" · ").Append(Html.Encode(Navigation.In(request)));
        if (!string.IsNullOrEmpty(web.SiteName))
        {
            html.Append(" · ").Append(Html.Encode(web.SiteName));
        }

        html.Append("</title>\n<link rel=\"stylesheet\" href=\"").Append(request.Url("/assets/dashboard.css")).Append("\">\n");
        foreach (var script in scripts)
        {
            html.Append("<script src=\"").Append(Html.Encode(request.Url("/assets/" + script))).Append("\" defer></script>\n");
        }

        html.Append("</head>\n<body class=\"optin-dashboard\">\n<a class=\"dash-skip\" href=\"#main\">").Append(Html.Encode(SkipToContent.In(request)))
            .Append("</a>\n<header class=\"dash-header\">\n<p class=\"dash-brand\"><a href=\"").Append(request.Url("/")).Append("\">")
            .Append(Html.Encode(string.IsNullOrEmpty(web.SiteName) ? "Optin.Forms" : web.SiteName)).Append("</a></p>\n");
        if (request.Actor is { } actor)
        {
            html.Append("<p class=\"dash-user\">").Append(Html.Encode(SignedInAs.In(request))).Append(' ').Append(Html.Encode(actor)).Append("</p>\n");
        }

        html.Append("<nav aria-label=\"").Append(Html.Encode(Navigation.In(request))).Append("\"><ul class=\"dash-nav\">");
        foreach (var (each, path, name) in DashboardSections.All)
        {
            html.Append("<li><a href=\"").Append(Html.Encode(request.Url(path.Length == 0 ? "/" : path))).Append('"');
            if (each == section)
            {
                html.Append(" aria-current=\"page\"");
            }

            html.Append('>').Append(Html.Encode(name.In(request))).Append("</a></li>");
        }

        html.Append("</ul></nav>\n</header>\n<main id=\"main\" class=\"dash-main\" tabindex=\"-1\">\n<h1>").Append(Html.Encode(title)).Append("</h1>\n")
            .Append(bodyHtml).Append("\n</main>\n<footer class=\"dash-footer\"><nav aria-label=\"").Append(Html.Encode(Language.In(request)))
            .Append("\"><ul class=\"dash-languages\">");
        AppendLanguage(html, request, DashboardCultures.English, "English");
        AppendLanguage(html, request, DashboardCultures.French, "Français");
        html.Append("</ul></nav></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <paramref name="html"/> with the security headers (no caching, no framing, the strict CSP).</summary>
    public static Task WriteAsync(DashboardRequest request, string html, int status = StatusCodes.Status200OK) =>
        PageRenderer.WriteAsync(request.Context, status, html);

    /// <summary>Renders and writes a page.</summary>
    public static Task WritePageAsync(DashboardRequest request, DashboardSection section, string title, string bodyHtml,
        int status = StatusCodes.Status200OK, params string[] scripts) =>
        WriteAsync(request, Render(request, section, title, bodyHtml, scripts), status);

    private static void AppendLanguage(StringBuilder html, DashboardRequest request, string culture, string name)
    {
        if (request.Culture == culture)
        {
            html.Append("<li><span aria-current=\"true\" lang=\"").Append(culture).Append("\">").Append(name).Append("</span></li>");
            return;
        }

        var href = request.Context.Request.Path.Value + "?" + DashboardCultures.QueryKey + "=" + culture;
        html.Append("<li><a href=\"").Append(Html.Encode(href)).Append("\" lang=\"").Append(culture).Append("\" hreflang=\"").Append(culture)
            .Append("\">").Append(name).Append("</a></li>");
    }
}
