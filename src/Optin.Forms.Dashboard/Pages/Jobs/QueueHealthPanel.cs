using System.Text;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Jobs;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The job queue's health as figures: due, running, scheduled and dead-lettered jobs, and how long the oldest due job
/// has waited. Shown on the jobs page and reused by the overview.
/// </summary>
internal static class QueueHealthPanel
{
    private static readonly DashboardText Title = new("Queue health", "État de la file");
    private static readonly DashboardText Due = new("Due now", "À exécuter");
    private static readonly DashboardText Running = new("Running", "En cours");
    private static readonly DashboardText Scheduled = new("Scheduled later", "Planifiées");
    private static readonly DashboardText DeadLettered = new("Dead letters", "Abandonnées");
    private static readonly DashboardText OldestDue = new("Oldest due job waiting for", "Attente de la plus ancienne");
    private static readonly DashboardText None = new("none", "aucune");

    /// <summary>The panel (a titled section with a <c>dl</c> of figures), already encoded.</summary>
    /// <param name="request">The request (culture).</param>
    /// <param name="health">The queue's health, read at <paramref name="now"/>.</param>
    /// <param name="now">The instant of the reading, for the age of the oldest due job.</param>
    /// <param name="headingId">The heading's id (unique on the page).</param>
    public static string Render(DashboardRequest request, QueueHealth health, Instant now, string headingId = "queue-health")
    {
        ArgumentNullException.ThrowIfNull(health);
        var html = new StringBuilder(1024);
        html.Append("<section aria-labelledby=\"").Append(headingId).Append("\">\n<h2 id=\"").Append(headingId).Append("\">")
            .Append(Html.Encode(Title.In(request))).Append("</h2>\n<dl class=\"dash-figures\">");
        Figure(html, Due.In(request), AdminFormat.Count(request, health.Due));
        Figure(html, Running.In(request), AdminFormat.Count(request, health.Running));
        Figure(html, Scheduled.In(request), AdminFormat.Count(request, health.Scheduled));
        Figure(html, DeadLettered.In(request), AdminFormat.Count(request, health.DeadLettered));
        Figure(html, OldestDue.In(request), health.OldestDueAge(now) is { } age ? AdminFormat.Age(request, age) : None.In(request));
        return html.Append("</dl>\n</section>\n").ToString();
    }

    private static void Figure(StringBuilder html, string name, string value) =>
        html.Append("<div><dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd></div>");
}
