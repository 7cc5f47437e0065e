using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// Each email template rendered with sample data through the real engine (<see cref="EmailRenderer"/>) and composed as it
/// would be sent (<see cref="MailComposer"/>): the headers and the text part in a <c>pre</c>, the HTML part as escaped
/// source, and the HTML part on its own route under a CSP <c>sandbox</c> that lets no script run.
/// </summary>
internal static class TemplatePreviews
{
    /// <summary>The sample recipient: a reserved domain, nobody's address.</summary>
    public const string SampleAddress = "jeanne.exemple@example.com";

    /// <summary>The CSP of the HTML preview: no script, no request anywhere, in a sandbox (unique origin, no forms, no popups).</summary>
    public const string PreviewPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
        + "frame-ancestors 'none'; base-uri 'none'";

    private static readonly DashboardText Title = new("Email templates", "Modèles d'emails");
    private static readonly DashboardText Intro = new("Each template rendered with sample data, as it would be sent.",
        "Chaque modèle rendu avec des données d'exemple, tel qu'il serait envoyé.");
    private static readonly DashboardText Marketing = new("marketing", "prospection");
    private static readonly DashboardText TextPart = new("Text part", "Partie texte");
    private static readonly DashboardText HtmlSource = new("HTML part (source)", "Partie HTML (source)");
    private static readonly DashboardText OpenHtml = new("Open the HTML part (scripts disabled)", "Ouvrir la partie HTML (scripts désactivés)");
    private static readonly DashboardText Failed = new("This template could not be rendered: ", "Ce modèle n'a pas pu être rendu : ");
    private static readonly DashboardText Version = new("Version (SHA-256)", "Version (SHA-256)");

    public static async Task AppendAsync(StringBuilder html, DashboardRequest request)
    {
        var renderer = request.Context.RequestServices.GetRequiredService<EmailRenderer>();
        html.Append("<section aria-labelledby=\"templates\">\n<h2 id=\"templates\">").Append(Html.Encode(Title.In(request))).Append("</h2>\n<p>")
            .Append(Html.Encode(Intro.In(request))).Append("</p>\n");
        var n = 0;
        foreach (var template in renderer.Templates.All)
        {
            n++;
            html.Append("<h3 id=\"template-").Append(n).Append("\">").Append(Html.Encode(template.Id)).Append(" (").Append(Html.Encode(template.Culture)).Append(')');
            if (template.Marketing)
            {
                html.Append(" · ").Append(Html.Encode(Marketing.In(request)));
            }

            html.Append("</h3>\n<p>").Append(Html.Encode(Version.In(request))).Append(" <code>").Append(Html.Encode(template.Sha256)).Append("</code></p>\n");
            try
            {
                var (headers, text, htmlPart) = await ComposeAsync(request.Context, template.Id, template.Culture);
                html.Append("<h4>").Append(Html.Encode(TextPart.In(request))).Append("</h4>\n<pre class=\"dash-pre\">").Append(Html.Encode(headers)).Append("\n\n")
                    .Append(Html.Encode(text)).Append("</pre>\n<details><summary>").Append(Html.Encode(HtmlSource.In(request))).Append("</summary>\n<pre class=\"dash-pre\">")
                    .Append(Html.Encode(htmlPart)).Append("</pre>\n</details>\n<p><a href=\"")
                    .Append(Html.Encode(request.Url(PreviewPath(template.Id, template.Culture)))).Append("\">").Append(Html.Encode(OpenHtml.In(request)))
                    .Append("<span class=\"visually-hidden\"> (").Append(Html.Encode(template.Id)).Append(", ").Append(Html.Encode(template.Culture))
                    .Append(")</span></a></p>\n");
            }
#pragma warning disable CA1031 // A template that cannot render is shown as such; the page itself must still open.
            catch (Exception e) when (e is InvalidOperationException or HeaderInjectionException)
#pragma warning restore CA1031
            {
                html.Append(DashboardForms.Message(Failed.In(request) + e.Message, error: true));
            }
        }

        html.Append("</section>\n");
    }

    public static string PreviewPath(string id, string culture) =>
        "/configuration/templates/" + Uri.EscapeDataString(id) + "/" + Uri.EscapeDataString(culture);

    /// <summary>The HTML part alone, under <see cref="PreviewPolicy"/>; 404 for an unknown template.</summary>
    public static async Task ServeHtmlAsync(HttpContext context, string id, string culture)
    {
        var renderer = context.RequestServices.GetRequiredService<EmailRenderer>();
        if (!renderer.Templates.All.Any(t => t.Id == id && t.Culture == culture))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var (_, _, html) = await ComposeAsync(context, id, culture);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>Renders and composes the template with sample data: its headers, text part and HTML part.</summary>
    private static async Task<(string Headers, string Text, string Html)> ComposeAsync(HttpContext context, string id, string culture)
    {
        var services = context.RequestServices;
        var catalog = services.GetRequiredService<IFormCatalogProvider>().Current;
        var options = services.GetRequiredService<IOptions<OptinFormsOptions>>().Value;
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var site = (catalog.BaseUrl?.ToString() ?? "https://www.example.com/").TrimEnd('/');
        var purpose = catalog.Purposes.Values.OrderBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault();
        var form = catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
        var unsubscribe = site + "/optin/unsubscribe/SAMPLE-TOKEN";
        var model = new EmailModel
        {
            ConfirmUrl = site + "/optin/confirm/SAMPLE-TOKEN",
            ExpiresInDays = 7,
            Controller = catalog.DataProtection.Controller ?? "Atelier Exemple",
            PurposeText = purpose?.GetText(culture, catalog.DefaultCulture).Purpose,
            SiteUrl = site,
            Culture = culture,
            UnsubscribeUrl = unsubscribe,
            PreferencesUrl = site + "/optin/preferences/SAMPLE-TOKEN",
            FormId = form?.Id,
            Email = SampleAddress,
            Fields = form is null ? new Dictionary<string, string>()
                : form.Fields.Where(f => f != form.EmailField).ToDictionary(f => f.Name, f => "Jeanne", StringComparer.Ordinal),
            Consents = purpose is null ? [] : [purpose.Id],
        };
        var rendered = await services.GetRequiredService<EmailRenderer>().RenderAsync(id, culture, model);
        var message = MailComposer.Compose(rendered, options.Mail.From ?? "Atelier Exemple <bonjour@example.com>", SampleAddress,
            "<preview@optin-forms.invalid>", now, unsubscribe);
        var headers = new StringBuilder();
        foreach (var header in message.Headers)
        {
            if (header.Field is "From" or "To" or "Subject" or "List-Unsubscribe" or "List-Unsubscribe-Post")
            {
                headers.Append(header.Field).Append(": ").Append(header.Value.Trim()).Append('\n');
            }
        }

        return (headers.ToString().TrimEnd(), message.TextBody ?? string.Empty, message.HtmlBody ?? string.Empty);
    }
}
