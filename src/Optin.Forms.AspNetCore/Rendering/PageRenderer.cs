using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The default layout of every built-in page: responsive, one stylesheet from this site, no third-party resource.</summary>
internal sealed class PageRenderer(IOptionsMonitor<OptinFormsWebOptions> options)
{
    /// <summary>Wraps <paramref name="bodyHtml"/> (already encoded HTML) in the layout.</summary>
    /// <param name="context">The request, for the language switch links.</param>
    /// <param name="catalog">The catalog (its cultures make the language switch).</param>
    /// <param name="culture">The page's culture.</param>
    /// <param name="title">The page title (plain text).</param>
    /// <param name="bodyHtml">The page's content.</param>
    /// <param name="scripts">Local scripts to load (AutoSubmit).</param>
    public string Render(HttpContext context, FormCatalog catalog, string culture, string title, string bodyHtml, params string[] scripts)
    {
        var web = options.CurrentValue;
        var html = new StringBuilder(bodyHtml.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Html.Encode(culture)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Html.Encode(title)).Append("</title>\n")
            .Append(Assets(scripts));
        html.Append("</head>\n<body>\n");
        if (!string.IsNullOrEmpty(web.SiteName))
        {
            html.Append("<header class=\"optin-header\"><p class=\"optin-site\">").Append(Html.Encode(web.SiteName)).Append("</p></header>\n");
        }

        html.Append("<main class=\"optin-page\" id=\"main\">\n<h1>").Append(Html.Encode(title)).Append("</h1>\n")
            .Append(bodyHtml).Append("</main>\n");
        AppendLanguageSwitch(html, context, catalog, culture);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The stylesheet and the scripts of a page, from this site (the <c>{{ assets }}</c> of a full landing page).</summary>
    /// <param name="scripts">Local scripts to load.</param>
    public string Assets(params string[] scripts)
    {
        var html = new StringBuilder("<link rel=\"stylesheet\" href=\"").Append(Html.Encode(options.CurrentValue.PathPrefix.TrimEnd('/')))
            .Append("/assets/optin.css\">\n");
        foreach (var script in scripts)
        {
            html.Append("<script src=\"").Append(Html.Encode(script)).Append("\" defer></script>\n");
        }

        return html.ToString();
    }

    private static void AppendLanguageSwitch(StringBuilder html, HttpContext context, FormCatalog catalog, string culture)
    {
        var cultures = CultureResolver.Supported(catalog);
        html.Append("<footer class=\"optin-footer\">");
        if (cultures.Count > 1)
        {
            html.Append("<nav aria-label=\"").Append(Html.Encode(WebTexts.Get(culture, "Language"))).Append("\"><ul class=\"optin-languages\">");
            foreach (var c in cultures)
            {
                var name = Html.Encode(WebTexts.CultureName(c));
                if (string.Equals(c, culture, StringComparison.OrdinalIgnoreCase))
                {
                    html.Append("<li><span aria-current=\"page\" lang=\"").Append(Html.Encode(c)).Append("\">").Append(name).Append("</span></li>");
                }
                else
                {
                    var href = context.Request.Path.Value + "?" + CultureResolver.QueryKey + "=" + Uri.EscapeDataString(c);
                    html.Append("<li><a href=\"").Append(Html.Encode(href)).Append("\" lang=\"").Append(Html.Encode(c)).Append("\" hreflang=\"")
                        .Append(Html.Encode(c)).Append("\">").Append(name).Append("</a></li>");
                }
            }

            html.Append("</ul></nav>");
        }

        html.Append("</footer>\n");
    }

    /// <summary>Writes an HTML page with the security headers (SEC-9).</summary>
    public static Task WriteAsync(HttpContext context, int status, string html, bool frameable = false)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.Apply(context.Response, frameable);
        return context.Response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }
}
