using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>The record of processing (ROPA-2): <c>GET admin/ropa?format=json|md&amp;culture=fr|en</c>.</content>
internal static partial class AdminEndpoints
{
    private static void MapRecordOfProcessing(RouteGroupBuilder admin) =>
        admin.MapGet("/ropa", (Delegate)Ropa);

    private static IResult Ropa(HttpContext context)
    {
        var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "json";
        if (format is not ("json" or "md"))
        {
            return Invalid("format", "format must be json or md.");
        }

        var culture = context.Request.Query["culture"].ToString();
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var now = context.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        var record = RecordOfProcessing.Generate(catalog, now, culture.Length > 0 ? culture : null);
        context.Response.Headers.ContentLanguage = record.Culture;
        return format == "md"
            ? Results.Text(record.ToMarkdown(), "text/markdown; charset=utf-8")
            : Results.Text(record.ToJson(), "application/json; charset=utf-8");
    }
}
