using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The jobs page: the queue's health, the dead letters with their reason (paged), each with retry or discard (on its own
/// page, discard after a confirmation step), and the recent mail failures.
/// </summary>
/// <remarks>
/// A retry is due at once with its attempts reset (<see cref="DeadLetterService"/>): the job gets the whole retry budget
/// again. Who retried or discarded, and why, is kept as the job's last error (jobs are not ledger entries).
/// </remarks>
internal static partial class JobsPage
{
    internal const int PageSize = 20;
    internal const int MailFailureCount = 20;

    private static readonly DashboardText Title = new("Jobs", "Tâches");
    private static readonly DashboardText DeadLetters = new("Dead letters", "Tâches abandonnées");
    private static readonly DashboardText NoDeadLetters = new("No dead letter.", "Aucune tâche abandonnée.");
    private static readonly DashboardText MailFailures = new("Recent mail failures", "Échecs d'envoi récents");
    private static readonly DashboardText NoMailFailures = new("No recent mail failure.", "Aucun échec d'envoi récent.");
    private static readonly DashboardText Action = new("Action", "Action");
    private static readonly DashboardText Rule = new("Rule", "Règle");
    private static readonly DashboardText Created = new("Created", "Créée");
    private static readonly DashboardText GivenUp = new("Given up", "Abandonnée le");
    private static readonly DashboardText When = new("Failed / next attempt", "Échec / prochain essai");
    private static readonly DashboardText Attempts = new("Attempts", "Essais");
    private static readonly DashboardText Status = new("Status", "État");
    private static readonly DashboardText Reason = new("Reason", "Motif");
    private static readonly DashboardText Open = new("Retry or discard", "Relancer ou abandonner");
    private static readonly DashboardText Previous = new("Previous page", "Page précédente");
    private static readonly DashboardText Next = new("Next page", "Page suivante");
    private static readonly DashboardText Pages = new("Dead letter pages", "Pages des tâches abandonnées");
    private static readonly DashboardText PageOf = new("Page {0} of {1}", "Page {0} sur {1}");
    private static readonly DashboardText Unsupported = new("This store does not offer the job queue's administration.",
        "Ce stockage ne permet pas d'administrer la file des tâches.");
    private static readonly DashboardText Retried = new("The job is back in the queue, due now.", "La tâche est de nouveau dans la file, à exécuter maintenant.");
    private static readonly DashboardText Discarded = new("The job was discarded.", "La tâche a été abandonnée définitivement.");
    private static readonly DashboardText Gone = new("That job is no longer a dead letter (retried or discarded meanwhile).",
        "Cette tâche n'est plus abandonnée (relancée ou écartée entre-temps).");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/jobs", ShowAsync);
        group.MapGet("/jobs/{id:guid}", (HttpContext context, Guid id) => ShowJobAsync(context, id));
        group.MapPost("/jobs/{id:guid}/retry", (HttpContext context, Guid id) => RetryAsync(context, id));
        group.MapPost("/jobs/{id:guid}/discard", (HttpContext context, Guid id) => DiscardAsync(context, id));
    }

    private static async Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var store = context.RequestServices.GetRequiredService<IOptinStore>();
        var now = context.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        var html = new StringBuilder(8192);
        html.Append(context.Request.Query["done"].ToString() switch
        {
            "retried" => DashboardForms.Message(Retried.In(request)),
            "discarded" => DashboardForms.Message(Discarded.In(request)),
            "gone" => DashboardForms.Message(Gone.In(request), error: true),
            _ => string.Empty,
        });
        IJobQueueAdmin queue;
        QueueHealth health;
        try
        {
            queue = store.JobQueue;
            health = await queue.GetHealthAsync(now, request.Aborted);
        }
        catch (NotSupportedException)
        {
            await DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, Title.In(request), DashboardForms.Message(Unsupported.In(request), error: true));
            return;
        }

        html.Append(QueueHealthPanel.Render(request, health, now));
        var pageCount = (int)Math.Max(1, (health.DeadLettered + PageSize - 1) / PageSize);
        var page = int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, pageCount) : 1;
        var deadLetters = await queue.ListDeadLettersAsync((page - 1) * PageSize, PageSize, request.Aborted);
        AppendDeadLetters(html, request, deadLetters, page, pageCount);
        AppendMailFailures(html, request, await queue.ListMailFailuresAsync(MailFailureCount, request.Aborted));
        await DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, Title.In(request), html.ToString());
    }

    private static void AppendDeadLetters(StringBuilder html, DashboardRequest request, IReadOnlyList<JobRecord> jobs, int page, int pageCount)
    {
        html.Append("<section aria-labelledby=\"dead-letters\">\n<h2 id=\"dead-letters\">").Append(Html.Encode(DeadLetters.In(request))).Append("</h2>\n");
        if (jobs.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(NoDeadLetters.In(request))).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"dash-table-wrap\"><table>\n<thead><tr>");
        foreach (var header in new[] { Action, Rule, Created, GivenUp })
        {
            html.Append("<th scope=\"col\">").Append(Html.Encode(header.In(request))).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">").Append(Html.Encode(Attempts.In(request))).Append("</th><th scope=\"col\">")
            .Append(Html.Encode(Reason.In(request))).Append("</th><th scope=\"col\"><span class=\"visually-hidden\">").Append(Html.Encode(Open.In(request)))
            .Append("</span></th></tr></thead>\n<tbody>\n");
        foreach (var job in jobs)
        {
            html.Append("<tr><td>").Append(Html.Encode(job.Action)).Append("</td><td>").Append(Html.Encode(job.RuleName ?? "—")).Append("</td><td>")
                .Append(AdminFormat.Time(request, job.CreatedAt)).Append("</td><td>").Append(AdminFormat.Time(request, job.FinishedAt))
                .Append("</td><td class=\"num\">").Append(job.Attempts.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Html.Encode(job.LastError)).Append("</td><td><a href=\"").Append(Html.Encode(request.Url("/jobs/" + job.Id.ToString("D"))))
                .Append("\">").Append(Html.Encode(Open.In(request))).Append("<span class=\"visually-hidden\"> (").Append(Html.Encode(job.Action))
                .Append(", ").Append(AdminFormat.Time(request, job.FinishedAt)).Append(")</span></a></td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        if (pageCount > 1)
        {
            html.Append("<nav aria-label=\"").Append(Html.Encode(Pages.In(request))).Append("\"><ul class=\"dash-pager\">");
            if (page > 1)
            {
                html.Append("<li><a href=\"").Append(Html.Encode(request.Url("/jobs?page=" + (page - 1).ToString(CultureInfo.InvariantCulture))))
                    .Append("\">").Append(Html.Encode(Previous.In(request))).Append("</a></li>");
            }

            html.Append("<li>").Append(Html.Encode(string.Format(AdminFormat.Culture(request), PageOf.In(request), page, pageCount))).Append("</li>");
            if (page < pageCount)
            {
                html.Append("<li><a href=\"").Append(Html.Encode(request.Url("/jobs?page=" + (page + 1).ToString(CultureInfo.InvariantCulture))))
                    .Append("\">").Append(Html.Encode(Next.In(request))).Append("</a></li>");
            }

            html.Append("</ul></nav>\n");
        }

        html.Append("</section>\n");
    }

    internal static void AppendMailFailures(StringBuilder html, DashboardRequest request, IReadOnlyList<JobRecord> jobs)
    {
        html.Append("<section aria-labelledby=\"mail-failures\">\n<h2 id=\"mail-failures\">").Append(Html.Encode(MailFailures.In(request))).Append("</h2>\n");
        if (jobs.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(NoMailFailures.In(request))).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"dash-table-wrap\"><table>\n<thead><tr>");
        foreach (var header in new[] { Action, Status, When })
        {
            html.Append("<th scope=\"col\">").Append(Html.Encode(header.In(request))).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">").Append(Html.Encode(Attempts.In(request))).Append("</th><th scope=\"col\">")
            .Append(Html.Encode(Reason.In(request))).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var job in jobs)
        {
            html.Append("<tr><td>").Append(Html.Encode(job.Action)).Append("</td><td>").Append(Html.Encode(StatusName(request, job.Status)))
                .Append("</td><td>").Append(AdminFormat.Time(request, job.FinishedAt ?? job.DueAt)).Append("</td><td class=\"num\">")
                .Append(job.Attempts.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.Encode(job.LastError)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n</section>\n");
    }

    internal static string StatusName(DashboardRequest request, JobStatus status) => status switch
    {
        JobStatus.Pending => new DashboardText("Waiting for a retry", "En attente d'un nouvel essai").In(request),
        JobStatus.Running => new DashboardText("Running", "En cours").In(request),
        JobStatus.Done => new DashboardText("Done", "Terminée").In(request),
        JobStatus.Skipped => new DashboardText("Skipped", "Ignorée").In(request),
        JobStatus.Cancelled => new DashboardText("Cancelled", "Annulée").In(request),
        _ => new DashboardText("Dead letter", "Abandonnée").In(request),
    };
}
