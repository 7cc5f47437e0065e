using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rules;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The configuration in force, read-only: the last refused reload, purposes and forms with their exact texts and
/// versions (as the ledger records them), each rule as a sentence, each email template rendered with sample data, and
/// the record of processing.
/// </summary>
internal static class ConfigurationPage
{
    private static readonly DashboardText Title = new("Configuration", "Configuration");
    private static readonly DashboardText Reload = new("Configuration reloads", "Rechargements de la configuration");
    private static readonly DashboardText NoRefusal = new("No reload has been refused since the site started.",
        "Aucun rechargement n'a été refusé depuis le démarrage du site.");
    private static readonly DashboardText Refused = new("A reload was refused at {0}; the previous configuration stays in force. Its problems:",
        "Un rechargement a été refusé le {0} ; la configuration précédente reste en vigueur. Ses problèmes :");
    private static readonly DashboardText AcceptedLater = new("A later reload was accepted at {0}: the configuration below is the newer one.",
        "Un rechargement ultérieur a été accepté le {0} : la configuration ci-dessous est la plus récente.");
    private static readonly DashboardText Purposes = new("Purposes", "Finalités");
    private static readonly DashboardText Forms = new("Forms", "Formulaires");
    private static readonly DashboardText Rules = new("Rules", "Règles");
    private static readonly DashboardText Disabled = new("(disabled)", "(désactivée)");
    private static readonly DashboardText BuiltIn = new("(built in: no rule sends the double opt-in email for this form and consent)",
        "(intégrée : aucune règle n'envoie l'email de double opt-in pour ce formulaire et ce consentement)");
    private static readonly DashboardText Culture = new("Language", "Langue");
    private static readonly DashboardText ConsentText = new("Consent text", "Texte du consentement");
    private static readonly DashboardText PurposeText = new("Purpose text", "Texte de la finalité");
    private static readonly DashboardText Version = new("Version and SHA-256 (as in the ledger)", "Version et SHA-256 (comme dans le registre)");
    private static readonly DashboardText Marketing = new("Marketing", "Prospection");
    private static readonly DashboardText Yes = new("yes", "oui");
    private static readonly DashboardText No = new("no", "non");
    private static readonly DashboardText FormVersion = new("Version", "Version");
    private static readonly DashboardText DoubleOptin = new("Double opt-in", "Double opt-in");
    private static readonly DashboardText Fields = new("Fields", "Champs");
    private static readonly DashboardText Consents = new("Consents", "Consentements");
    private static readonly DashboardText FormTitle = new("Title", "Titre");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/configuration", ShowAsync);
        group.MapGet("/configuration/templates/{id}/{culture}", (HttpContext context, string id, string culture) =>
            TemplatePreviews.ServeHtmlAsync(context, id, culture));
        group.MapGet("/configuration/ropa.md", (HttpContext context) => RopaSection.DownloadAsync(context, "md"));
        group.MapGet("/configuration/ropa.json", (HttpContext context) => RopaSection.DownloadAsync(context, "json"));
    }

    private static async Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var html = new StringBuilder(32 * 1024);
        AppendReload(html, request);
        AppendPurposes(html, request, catalog);
        AppendForms(html, request, catalog);
        AppendRules(html, request, catalog);
        await TemplatePreviews.AppendAsync(html, request);
        RopaSection.Append(html, request);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Configuration, Title.In(request), html.ToString());
    }

    private static void AppendReload(StringBuilder html, DashboardRequest request)
    {
        html.Append("<section aria-labelledby=\"reloads\">\n<h2 id=\"reloads\">").Append(Html.Encode(Reload.In(request))).Append("</h2>\n");
        var reloads = request.Context.RequestServices.GetService<ConfigurationReloads>();
        if (reloads?.LastRefused is not { } refused)
        {
            html.Append("<p>").Append(Html.Encode(NoRefusal.In(request))).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"dash-error\"><p>").Append(string.Format(AdminFormat.Culture(request), Html.Encode(Refused.In(request)),
            AdminFormat.Time(request, refused.At))).Append("</p>\n<ul class=\"dash-problems\">");
        foreach (var problem in refused.Problems)
        {
            html.Append("<li>").Append(Html.Encode(problem)).Append("</li>");
        }

        html.Append("</ul></div>\n");
        if (reloads.LastAccepted is { } accepted && accepted >= refused.At)
        {
            html.Append("<p>").Append(string.Format(AdminFormat.Culture(request), Html.Encode(AcceptedLater.In(request)), AdminFormat.Time(request, accepted)))
                .Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendPurposes(StringBuilder html, DashboardRequest request, FormCatalog catalog)
    {
        html.Append("<section aria-labelledby=\"purposes\">\n<h2 id=\"purposes\">").Append(Html.Encode(Purposes.In(request))).Append("</h2>\n");
        foreach (var purpose in catalog.Purposes.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            html.Append("<h3 id=\"purpose-").Append(Html.Encode(purpose.Id)).Append("\"><code>").Append(Html.Encode(purpose.Id)).Append("</code></h3>\n<p>")
                .Append(Html.Encode(Marketing.In(request))).Append(request.Culture == DashboardCultures.French ? " : " : ": ")
                .Append(Html.Encode((purpose.Marketing ? Yes : No).In(request))).Append("</p>\n<div class=\"dash-table-wrap\"><table>\n<thead><tr>");
            foreach (var header in new[] { Culture, ConsentText, PurposeText, Version })
            {
                html.Append("<th scope=\"col\">").Append(Html.Encode(header.In(request))).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var text in purpose.Texts.Values.OrderBy(t => t.Culture, StringComparer.Ordinal))
            {
                html.Append("<tr><th scope=\"row\">").Append(Html.Encode(text.Culture)).Append("</th><td>").Append(Html.Encode(text.Consent)).Append("</td><td>")
                    .Append(Html.Encode(text.Purpose)).Append("</td><td><code>").Append(Html.Encode(text.Version)).Append("</code><br><span class=\"dash-hash\">")
                    .Append(Html.Encode(ConsentText.In(request))).Append(" <code>").Append(Html.Encode(text.ConsentSha256)).Append("</code><br>")
                    .Append(Html.Encode(PurposeText.In(request))).Append(" <code>").Append(Html.Encode(text.PurposeSha256)).Append("</code></span></td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendForms(StringBuilder html, DashboardRequest request, FormCatalog catalog)
    {
        html.Append("<section aria-labelledby=\"forms\">\n<h2 id=\"forms\">").Append(Html.Encode(Forms.In(request))).Append("</h2>\n");
        foreach (var form in catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            html.Append("<h3 id=\"form-").Append(Html.Encode(form.Id)).Append("\"><code>").Append(Html.Encode(form.Id)).Append("</code></h3>\n<dl class=\"dash-details\">");
            Item(html, FormTitle.In(request), Html.Encode(form.Title.Get(request.Culture, catalog.DefaultCulture) ?? "—"));
            Item(html, FormVersion.In(request), "<code>" + Html.Encode(form.Version) + "</code>");
            Item(html, DoubleOptin.In(request), Html.Encode((form.DoubleOptin ? Yes : No).In(request)));
            Item(html, Consents.In(request), string.Join(", ", form.Consents.Select(c => "<a href=\"#purpose-" + Html.Encode(c.Id) + "\">" + Html.Encode(c.Id) + "</a>")));
            Item(html, Fields.In(request), string.Join(", ", form.Fields.Select(f => Html.Encode(f.Name) + " (" + Html.Encode(f.Kind.ToString())
                + (f.Required ? ", *" : string.Empty) + ")")));
            html.Append("</dl>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendRules(StringBuilder html, DashboardRequest request, FormCatalog catalog)
    {
        var options = catalog.Source ?? new OptinFormsOptions();
        html.Append("<section aria-labelledby=\"rules\">\n<h2 id=\"rules\">").Append(Html.Encode(Rules.In(request))).Append("</h2>\n<ol class=\"dash-rules\">\n");
        foreach (var rule in options.Rules)
        {
            html.Append("<li><p><strong>").Append(Html.Encode(rule.Name)).Append("</strong>");
            if (!rule.Enabled)
            {
                html.Append(' ').Append(Html.Encode(Disabled.In(request)));
            }

            html.Append("</p><p>").Append(RuleSentence.Render(rule, request.Culture)).Append("</p></li>\n");
        }

        foreach (var (formId, purposeIds) in DefaultDoubleOptinRules.UncoveredByForm(options))
        {
            var rule = DefaultDoubleOptinRules.Create(formId, purposeIds);
            html.Append("<li><p><strong>").Append(Html.Encode(rule.Name)).Append("</strong> ").Append(Html.Encode(BuiltIn.In(request))).Append("</p><p>")
                .Append(RuleSentence.Render(rule, request.Culture)).Append("</p></li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void Item(StringBuilder html, string name, string valueHtml) =>
        html.Append("<div><dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(valueHtml).Append("</dd></div>");
}
