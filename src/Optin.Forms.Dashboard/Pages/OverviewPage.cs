using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Dashboard.Pages.Overview;
using Optin.Forms.Schema;
using Optin.Forms.Statistics;
using Optin.Forms.Storage;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The overview, the dashboard's root: over a chosen period (GET form: <c>from</c>, <c>to</c>, <c>scope</c> =
/// <c>form:{id}</c> or <c>page:{slug}</c>), the views, submissions, double opt-in emails sent, confirmations and
/// withdrawals, the confirmation rate and the median time to confirm, per form, per landing page and per day (an SVG
/// chart with the same figures as a table). Read only: it changes nothing.
/// </summary>
internal static class OverviewPage
{
    /// <summary>The days shown when no period is asked for: the last 30, today included.</summary>
    public const int DefaultDays = 30;

    public static void Map(RouteGroupBuilder group) => group.MapGet("/", ShowAsync);

    private static async Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var services = context.RequestServices;
        var catalog = services.GetRequiredService<IFormCatalogProvider>().Current;
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var today = now.InZone(catalog.DataProtection.TimeZone).Date;
        var (query, scope, error) = Parse(context.Request.Query, catalog, today);
        string body;
        try
        {
            var report = await services.GetRequiredService<StatisticsService>().ComputeAsync(query, request.Aborted);
            body = OverviewRender.Page(request, catalog, report, scope, error);
        }
        catch (NotSupportedException)
        {
            body = DashboardForms.Message(OverviewTexts.Unsupported.In(request), error: true);
        }

        body += await QueueSummaryAsync(request, now);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Overview, OverviewTexts.Title.In(request), body);
    }

    private static readonly DashboardText AllJobs = new("Dead letters and every mail failure: Jobs", "Tâches abandonnées et tous les échecs d'envoi : Tâches");

    /// <summary>
    /// The queue's health and the last mail failures (the Jobs page's own panels, at a glance), or nothing for a store
    /// that keeps no queue administration.
    /// </summary>
    private static async Task<string> QueueSummaryAsync(DashboardRequest request, Instant now)
    {
        try
        {
            var queue = request.Context.RequestServices.GetRequiredService<IOptinStore>().JobQueue;
            var html = new StringBuilder(4096);
            html.Append(QueueHealthPanel.Render(request, await queue.GetHealthAsync(now, request.Aborted), now));
            JobsPage.AppendMailFailures(html, request, await queue.ListMailFailuresAsync(5, request.Aborted));
            html.Append("<p><a href=\"").Append(request.Url("/jobs")).Append("\">").Append(Html.Encode(AllJobs.In(request)))
                .Append("</a></p>\n");
            return html.ToString();
        }
        catch (NotSupportedException)
        {
            return string.Empty;
        }
    }

    /// <summary>Reads the period and scope; anything invalid falls back to the last 30 days of every form, with the reason.</summary>
    internal static (StatisticsQuery Query, string Scope, DashboardText? Error) Parse(IQueryCollection values, FormCatalog catalog, LocalDate today)
    {
        var fallback = new StatisticsQuery(today.PlusDays(1 - DefaultDays), today);
        var fromText = values["from"].ToString().Trim();
        var toText = values["to"].ToString().Trim();
        var scope = values["scope"].ToString().Trim();
        var from = fallback.From;
        var to = fallback.To;
        if (fromText.Length > 0 || toText.Length > 0)
        {
            var fromResult = fromText.Length > 0 ? LocalDatePattern.Iso.Parse(fromText) : ParseResult<LocalDate>.ForValue(fallback.From);
            var toResult = toText.Length > 0 ? LocalDatePattern.Iso.Parse(toText) : ParseResult<LocalDate>.ForValue(today);
            if (!fromResult.Success || !toResult.Success)
            {
                return (fallback, string.Empty, OverviewTexts.BadDate);
            }

            (from, to) = (fromResult.Value, toResult.Value);
            if (to < from)
            {
                return (fallback, string.Empty, OverviewTexts.BadOrder);
            }

            if (Period.Between(from, to, PeriodUnits.Days).Days >= StatisticsQuery.MaxDays)
            {
                return (fallback, string.Empty, OverviewTexts.TooLong);
            }
        }

        var query = new StatisticsQuery(from, to);
        if (scope.Length == 0)
        {
            return (query, scope, null);
        }

        if (scope.StartsWith("form:", StringComparison.Ordinal) && catalog.Forms.ContainsKey(scope[5..]))
        {
            return (query with { FormId = scope[5..] }, scope, null);
        }

        if (scope.StartsWith("page:", StringComparison.Ordinal) && catalog.LandingPages.ContainsKey(scope[5..]))
        {
            return (query with { LandingPage = scope[5..] }, scope, null);
        }

        return (query, string.Empty, OverviewTexts.BadScope);
    }
}
