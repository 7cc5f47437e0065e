using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The jobs section (placeholder of the skeleton: its helper replaces this file).</summary>
internal static class JobsPage
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/jobs", (HttpContext context) =>
    {
        var request = DashboardRequest.For(context);
        var name = DashboardSections.All.First(s => s.Section == DashboardSection.Jobs).Name.In(request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, name, "<p>…</p>");
    });
}
