using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The import section (placeholder of the skeleton: its helper replaces this file).</summary>
internal static class ImportPage
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/import", (HttpContext context) =>
    {
        var request = DashboardRequest.For(context);
        var name = DashboardSections.All.First(s => s.Section == DashboardSection.Import).Name.In(request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Import, name, "<p>…</p>");
    });
}
