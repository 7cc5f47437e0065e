using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The contacts section (placeholder of the skeleton: its helper replaces this file).</summary>
internal static class ContactsPage
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/contacts", (HttpContext context) =>
    {
        var request = DashboardRequest.For(context);
        var name = DashboardSections.All.First(s => s.Section == DashboardSection.Contacts).Name.In(request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Contacts, name, "<p>…</p>");
    });
}
