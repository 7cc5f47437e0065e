using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The configuration section (placeholder of the skeleton: its helper replaces this file).</summary>
internal static class ConfigurationPage
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/configuration", (HttpContext context) =>
    {
        var request = DashboardRequest.For(context);
        var name = DashboardSections.All.First(s => s.Section == DashboardSection.Configuration).Name.In(request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Configuration, name, "<p>…</p>");
    });
}
