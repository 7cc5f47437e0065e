using System.Globalization;
using System.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Statistics;

namespace Optin.Forms.Dashboard.Pages.Overview;

/// <summary>
/// The chart per day: server-rendered SVG, no script, no style attribute (classes only, under the strict CSP), one band
/// of bars per figure with its own scale. It is an image (<c>role="img"</c>, named by its title and description); the
/// table after it holds the same figures for screen readers and for reading exact values.
/// </summary>
internal static class OverviewChart
{
    public static readonly DashboardText[] Series =
        [OverviewTexts.Views, OverviewTexts.Submissions, OverviewTexts.EmailsSent, OverviewTexts.Confirmations, OverviewTexts.Withdrawals];

    private const int Left = 190;
    private const int Band = 64;
    private const int BarArea = 44;
    private const int Gap = 14;
    private const int Bottom = 26;
    private const int LabelSpacing = 72;

    public static void Append(StringBuilder html, DashboardRequest request, CultureInfo culture, StatisticsReport report)
    {
        var days = report.Days;
        var step = Math.Clamp(720.0 / Math.Max(1, days.Count), 3.0, 28.0);
        var width = Left + (int)Math.Ceiling(step * days.Count) + 10;
        var height = (Series.Length * (Band + Gap)) + Bottom;
        var title = string.Format(culture, OverviewTexts.ChartTitle.In(request), OverviewRender.DayName(report.Query.From, culture),
            OverviewRender.DayName(report.Query.To, culture));
        html.Append("<figure class=\"dash-chart-figure\"><svg class=\"dash-chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 ")
            .Append(I(width)).Append(' ').Append(I(height)).Append("\" width=\"").Append(I(width)).Append("\" height=\"").Append(I(height))
            .Append("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">").Append(Html.Encode(title)).Append("</title><desc id=\"chart-desc\">")
            .Append(Html.Encode(OverviewTexts.ChartDescription.In(request))).Append("</desc>");
        for (var s = 0; s < Series.Length; s++)
        {
            var values = days.Select(d => Value(d.Figures, s)).ToArray();
            var max = Math.Max(1, values.Length == 0 ? 0 : values.Max());
            var top = s * (Band + Gap);
            var baseline = top + BarArea + 8;
            html.Append("<g class=\"series s").Append(I(s)).Append("\"><text x=\"0\" y=\"").Append(I(top + 16)).Append("\">")
                .Append(Html.Encode(Series[s].In(request))).Append("</text><text class=\"max\" x=\"0\" y=\"").Append(I(top + 32)).Append("\">")
                .Append(Html.Encode(string.Format(culture, OverviewTexts.Max.In(request), OverviewRender.Number(values.Length == 0 ? 0 : values.Max(), culture))))
                .Append("</text><line class=\"axis\" x1=\"").Append(I(Left)).Append("\" x2=\"").Append(I(width - 10)).Append("\" y1=\"").Append(I(baseline))
                .Append("\" y2=\"").Append(I(baseline)).Append("\"/>");
            for (var d = 0; d < values.Length; d++)
            {
                if (values[d] == 0)
                {
                    continue;
                }

                var h = Math.Max(1.0, BarArea * (double)values[d] / max);
                html.Append("<rect class=\"bar\" x=\"").Append(F(Left + (d * step) + (step * 0.15))).Append("\" y=\"").Append(F(baseline - h))
                    .Append("\" width=\"").Append(F(Math.Max(1.0, step * 0.7))).Append("\" height=\"").Append(F(h)).Append("\"/>");
            }

            html.Append("</g>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(LabelSpacing / step));
        var y = height - 8;
        for (var d = 0; d < days.Count; d += every)
        {
            html.Append("<text class=\"day\" x=\"").Append(F(Left + (d * step))).Append("\" y=\"").Append(I(y)).Append("\">")
                .Append(Html.Encode(days[d].Day.ToString("d MMM", culture))).Append("</text>");
        }

        html.Append("</svg></figure>\n");
    }

    private static long Value(StatisticsFigures f, int series) => series switch
    {
        0 => f.Views,
        1 => f.Submissions,
        2 => f.DoubleOptinEmailsSent,
        3 => f.Confirmations,
        _ => f.Withdrawals,
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
