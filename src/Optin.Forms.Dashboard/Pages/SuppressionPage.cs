using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The suppression section (placeholder of the skeleton: its helper replaces this file).</summary>
internal static class SuppressionPage
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/suppression", (HttpContext context) => Results.Redirect(DashboardRequest.For(context).Url("/suppression"), false));
        group.MapGet("/suppression", (HttpContext context) =>
    {
        var request = DashboardRequest.For(context);
        var name = DashboardSections.All.First(s => s.Section == DashboardSection.Suppression).Name.In(request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Suppression, name, "<p>…</p>");
    });
    }
}
