using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Storage;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>The overview (skeleton: the number of records; its helper builds the figures per form and period).</summary>
internal static class OverviewPage
{
    private static readonly DashboardText Title = new("Overview", "Vue d'ensemble");
    private static readonly DashboardText Records = new("Records", "Fiches");

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", ShowAsync);

    private static async Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var store = context.RequestServices.GetRequiredService<IOptinStore>();
        var count = await store.Contacts.CountAsync(new ContactQuery(), request.Aborted);
        var html = new StringBuilder();
        html.Append("<dl class=\"dash-figures\"><div><dt>").Append(Html.Encode(Records.In(request))).Append("</dt><dd>")
            .Append(count.ToString("N0", CultureInfo.GetCultureInfo(request.Culture))).Append("</dd></div></dl>");
        await DashboardLayout.WritePageAsync(request, DashboardSection.Overview, Title.In(request), html.ToString());
    }
}
