using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Admin;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rights;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>
/// The evidence (JSON and printable HTML) and the export of one contact, streamed by the same services and the same
/// code as the admin API's <c>/evidence</c>, <c>/evidence/html</c> and <c>/export</c>, so that each read is recorded in
/// the access log with the signed-in user, as there (EVD-1).
/// </summary>
internal static class ContactDocuments
{
    public static Task EvidenceJsonAsync(HttpContext c, Guid id) => AdminEndpoints.ReadAsync(c, id, "evidence.json",
        AdminEndpoints.StreamAsync(c, "application/json; charset=utf-8", null, s => Evidence(c).WriteEvidenceJsonAsync(id, s, c.RequestAborted)));

    public static Task EvidenceHtmlAsync(HttpContext c, Guid id)
    {
        // The evidence page is a standalone printable document: it loads nothing and runs nothing.
        c.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        c.Response.Headers.XContentTypeOptions = "nosniff";
        var culture = DashboardRequest.For(c).Culture;
        return AdminEndpoints.ReadAsync(c, id, "evidence.html",
            AdminEndpoints.StreamAsync(c, "text/html; charset=utf-8", null, s => Evidence(c).WriteEvidenceHtmlAsync(id, culture, s, c.RequestAborted)));
    }

    public static Task ExportAsync(HttpContext c, Guid id) => AdminEndpoints.ReadAsync(c, id, "export",
        AdminEndpoints.StreamAsync(c, "application/json; charset=utf-8", $"export-{id}.json", s => c.RequestServices.GetRequiredService<PersonalDataService>()
            .ExportAsync(id, s, c.RequestAborted)));

    private static EvidenceService Evidence(HttpContext context) => context.RequestServices.GetRequiredService<EvidenceService>();
}
