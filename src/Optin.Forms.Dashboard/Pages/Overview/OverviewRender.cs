using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Schema;
using Optin.Forms.Statistics;

namespace Optin.Forms.Dashboard.Pages.Overview;

/// <summary>The overview's HTML: the period form, the figures, the tables per form, page, source and day, and the chart.</summary>
internal static class OverviewRender
{
    public static string Page(DashboardRequest request, FormCatalog catalog, StatisticsReport report, string scope, DashboardText? error)
    {
        var culture = CultureInfo.GetCultureInfo(request.Culture);
        var html = new StringBuilder(16 * 1024);
        if (error is { } problem)
        {
            html.Append(DashboardForms.Message(problem.In(request) + " " + OverviewTexts.DefaultShown.In(request), error: true));
        }

        PeriodForm(html, request, catalog, report.Query, scope);
        html.Append("<p class=\"dash-hint\">").Append(Html.Encode(string.Format(culture, OverviewTexts.ZoneNote.In(request), report.Zone.Id))).Append(' ')
            .Append(Html.Encode(OverviewTexts.ViewsNote.In(request))).Append("</p>\n");
        if (report.Query.LandingPage is not null)
        {
            html.Append("<p class=\"dash-hint\">").Append(Html.Encode(OverviewTexts.PageNote.In(request))).Append("</p>\n");
        }

        Figures(html, request, culture, report.Total, report.MedianTimeToConfirm);
        PerForm(html, request, catalog, culture, report);
        PerPage(html, request, culture, report);
        PerVariant(html, request, culture, report);
        PerSource(html, request, culture, report);
        html.Append("<h2 id=\"per-day\">").Append(Html.Encode(OverviewTexts.PerDay.In(request))).Append("</h2>\n");
        OverviewChart.Append(html, request, culture, report);
        PerDay(html, request, culture, report);
        return html.ToString();
    }

    private static void PeriodForm(StringBuilder html, DashboardRequest request, FormCatalog catalog, StatisticsQuery query, string scope)
    {
        html.Append("<form method=\"get\" action=\"").Append(Html.Encode(request.Url("/"))).Append("\" class=\"dash-period\">\n<fieldset><legend>")
            .Append(Html.Encode(OverviewTexts.Period.In(request))).Append("</legend>\n");
        DashboardForms.TextField(html, "from", OverviewTexts.From.In(request), LocalDatePattern.Iso.Format(query.From), type: "date");
        DashboardForms.TextField(html, "to", OverviewTexts.To.In(request), LocalDatePattern.Iso.Format(query.To), type: "date");
        html.Append("<p class=\"dash-field\"><label for=\"scope\">").Append(Html.Encode(OverviewTexts.Scope.In(request))).Append("</label><select id=\"scope\" name=\"scope\">");
        Option(html, string.Empty, OverviewTexts.AllForms.In(request), scope);
        html.Append("<optgroup label=\"").Append(Html.Encode(OverviewTexts.FormsGroup.In(request))).Append("\">");
        foreach (var form in catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            Option(html, "form:" + form.Id, FormName(catalog, form.Id, request.Culture), scope);
        }

        html.Append("</optgroup>");
        if (!catalog.LandingPages.IsEmpty)
        {
            html.Append("<optgroup label=\"").Append(Html.Encode(OverviewTexts.PagesGroup.In(request))).Append("\">");
            foreach (var page in catalog.LandingPages.Values.OrderBy(p => p.Slug, StringComparer.Ordinal))
            {
                Option(html, "page:" + page.Slug, page.Path, scope);
            }

            html.Append("</optgroup>");
        }

        html.Append("</select></p>\n</fieldset>\n<p class=\"dash-actions\"><button type=\"submit\">").Append(Html.Encode(OverviewTexts.Show.In(request)))
            .Append("</button></p>\n</form>\n");
    }

    private static void Option(StringBuilder html, string value, string label, string selected)
    {
        html.Append("<option value=\"").Append(Html.Encode(value)).Append('"');
        if (value == selected)
        {
            html.Append(" selected");
        }

        html.Append('>').Append(Html.Encode(label)).Append("</option>");
    }

    private static void Figures(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsFigures total, Duration? median)
    {
        html.Append("<dl class=\"dash-figures\">");
        Figure(html, OverviewTexts.Views.In(request), Number(total.Views, culture));
        Figure(html, OverviewTexts.Submissions.In(request), Number(total.Submissions, culture));
        Figure(html, OverviewTexts.EmailsSent.In(request), Number(total.DoubleOptinEmailsSent, culture));
        Figure(html, OverviewTexts.Confirmations.In(request), Number(total.Confirmations, culture));
        Figure(html, OverviewTexts.Withdrawals.In(request), Number(total.Withdrawals, culture));
        Figure(html, OverviewTexts.Rate.In(request), Rate(total.ConfirmationRate, culture));
        Figure(html, OverviewTexts.Median.In(request), Delay(median, request.Culture));
        html.Append("</dl>\n");
    }

    private static void Figure(StringBuilder html, string name, string value) =>
        html.Append("<div><dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd></div>");

    private static void PerForm(StringBuilder html, DashboardRequest request, FormCatalog catalog, CultureInfo culture, StatisticsReport report)
    {
        html.Append("<h2 id=\"per-form\">").Append(Html.Encode(OverviewTexts.PerForm.In(request))).Append("</h2>\n<div class=\"dash-table-wrap\"><table aria-labelledby=\"per-form\"><thead><tr>");
        Header(html, OverviewTexts.Form.In(request), false);
        foreach (var name in new[] { OverviewTexts.Views, OverviewTexts.Submissions, OverviewTexts.EmailsSent, OverviewTexts.Confirmations, OverviewTexts.Withdrawals, OverviewTexts.Rate, OverviewTexts.Median })
        {
            Header(html, name.In(request), true);
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in report.Forms)
        {
            var f = row.Figures;
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(row.FormId is null ? OverviewTexts.NoForm.In(request) : FormName(catalog, row.FormId, request.Culture)))
                .Append("</th>");
            Cells(html, culture, f.Views, f.Submissions, f.DoubleOptinEmailsSent, f.Confirmations, f.Withdrawals);
            html.Append("<td class=\"num\">").Append(Html.Encode(Rate(f.ConfirmationRate, culture))).Append("</td><td class=\"num\">")
                .Append(Html.Encode(Delay(row.MedianTimeToConfirm, request.Culture))).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void PerPage(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsReport report)
    {
        html.Append("<h2 id=\"per-page\">").Append(Html.Encode(OverviewTexts.PerPage.In(request))).Append("</h2>\n");
        if (report.LandingPages.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(OverviewTexts.NoPage.In(request))).Append("</p>\n");
            return;
        }

        html.Append("<div class=\"dash-table-wrap\"><table aria-labelledby=\"per-page\"><thead><tr>");
        Header(html, OverviewTexts.Page.In(request), false);
        Header(html, OverviewTexts.Form.In(request), false);
        Header(html, OverviewTexts.Views.In(request), true);
        html.Append("</tr></thead><tbody>");
        foreach (var page in report.LandingPages)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(page.Slug)).Append("</th><td>").Append(Html.Encode(page.FormId)).Append("</td>");
            Cells(html, culture, page.Views);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>The A/B variants' views, submissions and confirmations, for the pages that have variants (none: no table).</summary>
    private static void PerVariant(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsReport report)
    {
        if (!report.LandingPages.Any(p => p.Variants.Count > 0))
        {
            return;
        }

        html.Append("<h2 id=\"per-variant\">").Append(Html.Encode(OverviewTexts.PerVariant.In(request))).Append("</h2>\n");
        html.Append("<div class=\"dash-table-wrap\"><table aria-labelledby=\"per-variant\"><thead><tr>");
        Header(html, OverviewTexts.Page.In(request), false);
        Header(html, OverviewTexts.Variant.In(request), false);
        Header(html, OverviewTexts.Weight.In(request), true);
        Header(html, OverviewTexts.Views.In(request), true);
        Header(html, OverviewTexts.Submissions.In(request), true);
        Header(html, OverviewTexts.Confirmations.In(request), true);
        html.Append("</tr></thead><tbody>");
        foreach (var page in report.LandingPages)
        {
            foreach (var variant in page.Variants)
            {
                html.Append("<tr><td>").Append(Html.Encode(page.Slug)).Append("</td><th scope=\"row\">").Append(Html.Encode(variant.Variant)).Append("</th>");
                Cells(html, culture, variant.Weight, variant.Views, variant.Submissions, variant.Confirmations);
                html.Append("</tr>");
            }
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void PerSource(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsReport report)
    {
        html.Append("<h2 id=\"per-source\">").Append(Html.Encode(OverviewTexts.PerSource.In(request))).Append("</h2>\n");
        if (report.Sources.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(OverviewTexts.NoViews.In(request))).Append("</p>\n");
            return;
        }

        html.Append("<div class=\"dash-table-wrap\"><table aria-labelledby=\"per-source\"><thead><tr>");
        Header(html, OverviewTexts.Source.In(request), false);
        Header(html, OverviewTexts.Views.In(request), true);
        html.Append("</tr></thead><tbody>");
        foreach (var source in report.Sources)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Encode(source.Source.Length == 0 ? OverviewTexts.NoSource.In(request) : source.Source)).Append("</th>");
            Cells(html, culture, source.Views);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void PerDay(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsReport report)
    {
        html.Append("<div class=\"dash-table-wrap\"><table aria-labelledby=\"per-day\" id=\"per-day-table\"><thead><tr>");
        Header(html, OverviewTexts.Day.In(request), false);
        foreach (var name in OverviewChart.Series)
        {
            Header(html, name.In(request), true);
        }

        html.Append("</tr></thead><tbody>");
        foreach (var day in report.Days)
        {
            var f = day.Figures;
            html.Append("<tr><th scope=\"row\"><time datetime=\"").Append(LocalDatePattern.Iso.Format(day.Day)).Append("\">")
                .Append(Html.Encode(DayName(day.Day, culture))).Append("</time></th>");
            Cells(html, culture, f.Views, f.Submissions, f.DoubleOptinEmailsSent, f.Confirmations, f.Withdrawals);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void Header(StringBuilder html, string text, bool number) =>
        html.Append(number ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">").Append(Html.Encode(text)).Append("</th>");

    private static void Cells(StringBuilder html, CultureInfo culture, params long[] values)
    {
        foreach (var value in values)
        {
            html.Append("<td class=\"num\">").Append(Html.Encode(Number(value, culture))).Append("</td>");
        }
    }

    public static string FormName(FormCatalog catalog, string formId, string culture) =>
        catalog.Forms.GetValueOrDefault(formId)?.Title.Get(culture, catalog.DefaultCulture) is { Length: > 0 } title && title != formId
            ? $"{title} ({formId})"
            : formId;

    public static string Number(long value, CultureInfo culture) => value.ToString("N0", culture);

    public static string DayName(LocalDate day, CultureInfo culture) => day.ToString("d MMM uuuu", culture);

    public static string Rate(double? rate, CultureInfo culture) => rate is { } r ? r.ToString("P1", culture) : "–";

    /// <summary>A duration as people read it: "45 s", "12 min", "2 h 05 min", "3 d 4 h" ("3 j 4 h" in French).</summary>
    public static string Delay(Duration? delay, string culture)
    {
        if (delay is not { } d)
        {
            return "–";
        }

        var day = culture == DashboardCultures.French ? "j" : "d";
        return d.TotalSeconds < 60 ? $"{(int)d.TotalSeconds} s"
            : d.TotalMinutes < 60 ? $"{(int)d.TotalMinutes} min"
            : d.TotalHours < 24 ? $"{(int)d.TotalHours} h {d.Minutes:00} min"
            : $"{d.Days} {day} {d.Hours} h";
    }
}
