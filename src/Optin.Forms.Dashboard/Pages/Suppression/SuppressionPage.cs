using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Deliverability;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The suppression list: look an address up, or add one, through <see cref="SuppressionList"/> (the admin API's service).
/// Addresses travel only in POST bodies, never in a URL; the list keeps keyed hashes, so it cannot be listed.
/// </summary>
/// <remarks>The entry's reason records the signed-in user: <c>{actor}: {reason}</c>.</remarks>
internal static class SuppressionPage
{
    private static readonly DashboardText Title = new("Suppression list", "Liste d'exclusion");
    private static readonly DashboardText Intro = new(
        "No email is ever sent to a suppressed address. The list keeps only keyed hashes of the addresses: it can be checked, not read back.",
        "Aucun email n'est envoyé à une adresse exclue. La liste ne garde que des empreintes des adresses : on peut la consulter, pas la relire.");
    private static readonly DashboardText LookupTitle = new("Look up an address", "Vérifier une adresse");
    private static readonly DashboardText AddTitle = new("Add an address", "Ajouter une adresse");
    private static readonly DashboardText Email = new("Email address", "Adresse email");
    private static readonly DashboardText Days = new("For how many days (empty: for good)", "Pendant combien de jours (vide : définitivement)");
    private static readonly DashboardText Check = new("Look up", "Vérifier");
    private static readonly DashboardText Add = new("Add to the list", "Ajouter à la liste");
    private static readonly DashboardText Suppressed = new("This address is suppressed.", "Cette adresse est exclue.");
    private static readonly DashboardText NotSuppressed = new("This address is not suppressed.", "Cette adresse n'est pas exclue.");
    private static readonly DashboardText Reason = new("Reason", "Motif");
    private static readonly DashboardText Since = new("Since", "Depuis");
    private static readonly DashboardText Until = new("Until", "Jusqu'au");
    private static readonly DashboardText Added = new("The address was added to the suppression list.", "L'adresse a été ajoutée à la liste d'exclusion.");
    private static readonly DashboardText InvalidEmail = new("This is not a valid email address.", "Cette adresse email n'est pas valide.");
    private static readonly DashboardText InvalidDays = new("The number of days must be a whole number above zero.", "Le nombre de jours doit être un entier supérieur à zéro.");
    private static readonly DashboardText ReasonRequired = new("Give a reason.", "Indiquez un motif.");
    private static readonly DashboardText Undeliverable = new(
        "Undeliverable: the mail server refused this address permanently (a bounce). No mail goes to it until the person confirms a new sign-up; the confirmation email may still go.",
        "Non distribuable : le serveur de messagerie a refusé cette adresse définitivement (un rejet). Aucun email n'y part tant que la personne n'a pas confirmé une nouvelle inscription ; l'email de confirmation peut encore partir.");
    private static readonly DashboardText Complaint = new(
        "Complaint: the person reported an email as spam. Every marketing consent was withdrawn; no marketing email goes until the person confirms a new sign-up.",
        "Plainte : la personne a signalé un email comme indésirable. Tous les consentements marketing ont été retirés ; aucun email marketing ne part tant qu'elle n'a pas confirmé une nouvelle inscription.");
    private static readonly DashboardText TodayCounts = new(
        "Today (UTC): {0} address(es) marked undeliverable, {1} transient delivery failure(s), {2} complaint(s).",
        "Aujourd'hui (UTC) : {0} adresse(s) marquée(s) non distribuable(s), {1} échec(s) temporaire(s) de distribution, {2} plainte(s).");
    private static readonly DashboardText NoActor = new("Your sign-in names no user: the change is refused.",
        "Votre connexion ne nomme aucun utilisateur : la modification est refusée.");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/suppression", (HttpContext context) =>
        {
            var request = DashboardRequest.For(context);
            var message = context.Request.Query["done"] == "added" ? DashboardForms.Message(Added.In(request)) : string.Empty;
            return WriteAsync(request, message, null, null);
        });
        group.MapPost("/suppression/lookup", LookupAsync);
        group.MapPost("/suppression", AddAsync);
    }

    private static async Task LookupAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        var email = form["email"].ToString().Trim();
        SuppressionEntry? entry;
        try
        {
            entry = await context.RequestServices.GetRequiredService<SuppressionList>().FindAsync(email, request.Aborted);
        }
        catch (ArgumentException)
        {
            await WriteAsync(request, DashboardForms.Message(InvalidEmail.In(request), error: true), email, null, StatusCodes.Status400BadRequest);
            return;
        }

        var html = new StringBuilder();
        html.Append("<section class=\"dash-result\" aria-labelledby=\"lookup-result\">\n<h2 id=\"lookup-result\">").Append(Html.Encode(email)).Append("</h2>\n");
        if (entry is null)
        {
            html.Append(DashboardForms.Message(NotSuppressed.In(request)));
        }
        else
        {
            html.Append(DashboardForms.Message(Suppressed.In(request)));
            if (DeliverabilityService.IsUndeliverable(entry) || DeliverabilityService.IsComplaint(entry))
            {
                html.Append("<p>").Append(Html.Encode((DeliverabilityService.IsUndeliverable(entry) ? Undeliverable : Complaint).In(request))).Append("</p>\n");
            }

            html.Append("<dl class=\"dash-details\"><div><dt>").Append(Html.Encode(Reason.In(request)))
                .Append("</dt><dd>").Append(Html.Encode(entry.Reason)).Append("</dd></div><div><dt>").Append(Html.Encode(Since.In(request)))
                .Append("</dt><dd>").Append(AdminFormat.Time(request, entry.CreatedAt)).Append("</dd></div><div><dt>").Append(Html.Encode(Until.In(request)))
                .Append("</dt><dd>").Append(AdminFormat.Time(request, entry.ExpiresAt)).Append("</dd></div></dl>\n");
        }

        html.Append("</section>\n");
        await WriteAsync(request, html.ToString(), email, null);
    }

    private static async Task AddAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var form = await context.Request.ReadFormAsync(request.Aborted);
        var email = form["email"].ToString().Trim();
        var reason = form["reason"].ToString().Trim();
        var daysText = form["days"].ToString().Trim();
        string? error = null;
        int? days = null;
        if (request.Actor is null)
        {
            error = NoActor.In(request);
        }
        else if (reason.Length == 0)
        {
            error = ReasonRequired.In(request);
        }
        else if (daysText.Length > 0)
        {
            days = int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : null;
            error = days is null ? InvalidDays.In(request) : null;
        }

        if (error is null)
        {
            try
            {
                await context.RequestServices.GetRequiredService<SuppressionList>()
                    .AddAsync(email, request.Actor + ": " + reason, days is { } n ? Duration.FromDays(n) : null, request.Aborted);
                context.Response.Redirect(request.Url("/suppression?done=added"));
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                return;
            }
            catch (ArgumentException)
            {
                error = InvalidEmail.In(request);
            }
        }

        await WriteAsync(request, DashboardForms.Message(error, error: true), null, (email, reason, daysText),
            request.Actor is null ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private static async Task WriteAsync(DashboardRequest request, string messageHtml, string? lookup, (string Email, string Reason, string Days)? add,
        int status = StatusCodes.Status200OK)
    {
        var deliverability = request.Context.RequestServices.GetRequiredService<DeliverabilityService>();
        var clock = request.Context.RequestServices.GetRequiredService<IClock>();
        var counts = await deliverability.CountAsync(clock.GetCurrentInstant().InUtc().Date, request.Aborted);
        var html = new StringBuilder(4096);
        html.Append(messageHtml).Append("<p>").Append(Html.Encode(Intro.In(request))).Append("</p>\n<p>")
            .Append(Html.Encode(string.Format(CultureInfo.InvariantCulture, TodayCounts.In(request), counts.Undeliverable, counts.Transient, counts.Complaints)))
            .Append("</p>\n")
            .Append("<section aria-labelledby=\"lookup-title\">\n<h2 id=\"lookup-title\">").Append(Html.Encode(LookupTitle.In(request))).Append("</h2>\n");
        DashboardForms.OpenForm(html, request, "/suppression/lookup");
        Field(html, "lookup-email", "email", Email.In(request), "email", lookup, required: true);
        html.Append("<p class=\"dash-actions\"><button type=\"submit\">").Append(Html.Encode(Check.In(request))).Append("</button></p>\n</form>\n</section>\n")
            .Append("<section aria-labelledby=\"add-title\">\n<h2 id=\"add-title\">").Append(Html.Encode(AddTitle.In(request))).Append("</h2>\n");
        DashboardForms.OpenForm(html, request, "/suppression");
        Field(html, "add-email", "email", Email.In(request), "email", add?.Email, required: true);
        DashboardForms.ReasonField(html, request, add?.Reason);
        Field(html, "days", "days", Days.In(request), "number", add?.Days, required: false);
        html.Append("<p class=\"dash-actions\"><button type=\"submit\">").Append(Html.Encode(Add.In(request))).Append("</button></p>\n</form>\n</section>\n");
        await DashboardLayout.WritePageAsync(request, DashboardSection.Suppression, Title.In(request), html.ToString(), status);
    }

    private static void Field(StringBuilder html, string id, string name, string label, string type, string? value, bool required)
    {
        html.Append("<p class=\"dash-field\"><label for=\"").Append(id).Append("\">").Append(Html.Encode(label)).Append("</label><input type=\"").Append(type)
            .Append("\" id=\"").Append(id).Append("\" name=\"").Append(name).Append('"');
        if (type == "email")
        {
            html.Append(" autocomplete=\"off\"");
        }
        else if (type == "number")
        {
            html.Append(" min=\"1\" step=\"1\"");
        }

        if (!string.IsNullOrEmpty(value))
        {
            html.Append(" value=\"").Append(Html.Encode(value)).Append('"');
        }

        html.Append(required ? " required></p>\n" : "></p>\n");
    }
}
