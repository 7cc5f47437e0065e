using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Dashboard.Pages;

/// <content>One job's page, and its retry and discard (through <see cref="DeadLetterService"/>, with the signed-in actor and the reason).</content>
internal static partial class JobsPage
{
    private static readonly DashboardText JobTitle = new("Job", "Tâche");
    private static readonly DashboardText NotFound = new("No such job.", "Aucune tâche de ce nom.");
    private static readonly DashboardText NotDead = new("This job is not a dead letter: there is nothing to retry or discard.",
        "Cette tâche n'est pas abandonnée : il n'y a rien à relancer ni à écarter.");
    private static readonly DashboardText Back = new("Back to the jobs", "Retour aux tâches");
    private static readonly DashboardText Retry = new("Retry now", "Relancer maintenant");
    private static readonly DashboardText RetryHint = new("The job is due at once with its attempts reset to zero.",
        "La tâche est à exécuter tout de suite, ses essais remis à zéro.");
    private static readonly DashboardText Discard = new("Discard", "Abandonner définitivement");
    private static readonly DashboardText DiscardHint = new("The job will never run; it stays in the job history as cancelled.",
        "La tâche ne sera jamais exécutée ; elle reste dans l'historique comme annulée.");
    private static readonly DashboardText RetryReason = new("Reason for the retry", "Motif de la relance");
    private static readonly DashboardText DiscardReason = new("Reason for discarding", "Motif de l'abandon");
    private static readonly DashboardText ReasonRequired = new("Give a reason.", "Indiquez un motif.");
    private static readonly DashboardText NoActor = new("Your sign-in names no user: the change is refused.",
        "Votre connexion ne nomme aucun utilisateur : la modification est refusée.");
    private static readonly DashboardText ConfirmDiscard = new("Discard this job for good? It will never run.",
        "Abandonner définitivement cette tâche ? Elle ne sera jamais exécutée.");
    private static readonly DashboardText Contact = new("Contact", "Contact");

    private static async Task ShowJobAsync(HttpContext context, Guid id, string? error = null, int status = StatusCodes.Status200OK)
    {
        var request = DashboardRequest.For(context);
        var job = await context.RequestServices.GetRequiredService<IOptinStore>().Jobs.FindJobAsync(id, request.Aborted);
        var html = new StringBuilder(4096);
        if (error is not null)
        {
            html.Append(DashboardForms.Message(error, error: true));
        }

        if (job is null)
        {
            html.Append(DashboardForms.Message(NotFound.In(request), error: true));
            AppendBack(html, request);
            await DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, JobTitle.In(request), html.ToString(), StatusCodes.Status404NotFound);
            return;
        }

        AppendJob(html, request, job);
        if (job.Status != JobStatus.DeadLettered)
        {
            html.Append("<p>").Append(Html.Encode(NotDead.In(request))).Append("</p>\n");
        }
        else
        {
            var path = "/jobs/" + job.Id.ToString("D");
            html.Append("<section aria-labelledby=\"retry-title\">\n<h2 id=\"retry-title\">").Append(Html.Encode(Retry.In(request))).Append("</h2>\n<p>")
                .Append(Html.Encode(RetryHint.In(request))).Append("</p>\n");
            DashboardForms.OpenForm(html, request, path + "/retry");
            ReasonInput(html, "retry-reason", RetryReason.In(request));
            html.Append("<p class=\"dash-actions\"><button type=\"submit\">").Append(Html.Encode(Retry.In(request))).Append("</button></p>\n</form>\n</section>\n")
                .Append("<section aria-labelledby=\"discard-title\">\n<h2 id=\"discard-title\">").Append(Html.Encode(Discard.In(request))).Append("</h2>\n<p>")
                .Append(Html.Encode(DiscardHint.In(request))).Append("</p>\n");
            DashboardForms.OpenForm(html, request, path + "/discard");
            ReasonInput(html, "discard-reason", DiscardReason.In(request));
            html.Append("<p class=\"dash-actions\"><button type=\"submit\" class=\"dash-danger\">").Append(Html.Encode(Discard.In(request)))
                .Append("…</button></p>\n</form>\n</section>\n");
        }

        AppendBack(html, request);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, JobTitle.In(request) + " " + job.Action, html.ToString(), status);
    }

    private static async Task RetryAsync(HttpContext context, Guid id)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        if (await RefusedAsync(context, request, id, form["reason"].ToString()) is not { } reason)
        {
            return;
        }

        var retried = await context.RequestServices.GetRequiredService<DeadLetterService>().RetryAsync(id, request.Actor!, reason, request.Aborted);
        context.Response.Redirect(request.Url("/jobs?done=" + (retried ? "retried" : "gone")));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    private static async Task DiscardAsync(HttpContext context, Guid id)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        if (await RefusedAsync(context, request, id, form["reason"].ToString()) is not { } reason)
        {
            return;
        }

        if (form[DashboardForms.ConfirmedField] != "true")
        {
            var job = await context.RequestServices.GetRequiredService<IOptinStore>().Jobs.FindJobAsync(id, request.Aborted);
            if (job is not { Status: JobStatus.DeadLettered })
            {
                await ShowJobAsync(context, id);
                return;
            }

            var summary = new StringBuilder();
            summary.Append("<p>").Append(Html.Encode(ConfirmDiscard.In(request))).Append("</p>\n");
            AppendJob(summary, request, job);
            summary.Append("<p>").Append(Html.Encode(DiscardReason.In(request))).Append(request.Culture == DashboardCultures.French ? " : " : ": ").Append(Html.Encode(reason)).Append("</p>");
            var path = "/jobs/" + id.ToString("D");
            var page = DashboardForms.ConfirmationStep(request, path + "/discard", summary.ToString(), [new("reason", reason)], path);
            await DashboardLayout.WritePageAsync(request, DashboardSection.Jobs, Discard.In(request) + " " + job.Action, page);
            return;
        }

        var discarded = await context.RequestServices.GetRequiredService<DeadLetterService>().DiscardAsync(id, request.Actor!, reason, request.Aborted);
        context.Response.Redirect(request.Url("/jobs?done=" + (discarded ? "discarded" : "gone")));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    /// <summary>The trimmed reason, or null after answering 400/403 with the job's page and the error.</summary>
    private static async Task<string?> RefusedAsync(HttpContext context, DashboardRequest request, Guid id, string reason)
    {
        if (request.Actor is null)
        {
            await ShowJobAsync(context, id, NoActor.In(request), StatusCodes.Status403Forbidden);
            return null;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            await ShowJobAsync(context, id, ReasonRequired.In(request), StatusCodes.Status400BadRequest);
            return null;
        }

        return reason.Trim();
    }

    private static void AppendJob(StringBuilder html, DashboardRequest request, JobRecord job)
    {
        html.Append("<dl class=\"dash-details\">");
        Item(html, Action.In(request), Html.Encode(job.Action));
        Item(html, Rule.In(request), Html.Encode(job.RuleName ?? "—"));
        Item(html, Status.In(request), Html.Encode(StatusName(request, job.Status)));
        if (job.ContactId is { } contactId)
        {
            Item(html, Contact.In(request), "<a href=\"" + Html.Encode(request.Url("/contacts/" + contactId.ToString("D"))) + "\">"
                + Html.Encode(contactId.ToString("D")) + "</a>");
        }

        Item(html, Created.In(request), AdminFormat.Time(request, job.CreatedAt));
        Item(html, GivenUp.In(request), AdminFormat.Time(request, job.FinishedAt));
        Item(html, Attempts.In(request), job.Attempts.ToString(CultureInfo.InvariantCulture));
        Item(html, Reason.In(request), Html.Encode(job.LastError ?? "—"));
        html.Append("</dl>\n");
    }

    private static void Item(StringBuilder html, string name, string valueHtml) =>
        html.Append("<div><dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(valueHtml).Append("</dd></div>");

    private static void ReasonInput(StringBuilder html, string id, string label) =>
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label><input type=\"text\" id=\"")
            .Append(id).Append("\" name=\"reason\" required maxlength=\"500\"></p>\n");

    private static void AppendBack(StringBuilder html, DashboardRequest request) =>
        html.Append("<p><a href=\"").Append(Html.Encode(request.Url("/jobs"))).Append("\">").Append(Html.Encode(Back.In(request))).Append("</a></p>\n");
}
