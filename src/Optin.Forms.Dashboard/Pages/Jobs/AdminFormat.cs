using System.Globalization;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>Instants, durations and counts as the jobs, configuration and suppression pages show them (UTC, in the page's culture).</summary>
internal static class AdminFormat
{
    public static CultureInfo Culture(DashboardRequest request) => CultureInfo.GetCultureInfo(request.Culture);

    /// <summary>An instant as a <c>&lt;time&gt;</c> element (UTC), already encoded.</summary>
    public static string Time(DashboardRequest request, Instant? at)
    {
        if (at is not { } instant)
        {
            return "—";
        }

        var utc = instant.ToDateTimeUtc();
        return "<time datetime=\"" + instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\">"
            + Html.Encode(utc.ToString("g", Culture(request))) + " UTC</time>";
    }

    /// <summary>A duration in days, hours and minutes (seconds under a minute).</summary>
    public static string Age(DashboardRequest request, Duration age)
    {
        if (age < Duration.Zero)
        {
            age = Duration.Zero;
        }

        var fr = request.Culture == DashboardCultures.French;
        if (age < Duration.FromMinutes(1))
        {
            return ((int)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";
        }

        var parts = new List<string>(3);
        if (age.Days > 0)
        {
            parts.Add(age.Days.ToString(CultureInfo.InvariantCulture) + (fr ? " j" : " d"));
        }

        if (age.Hours > 0)
        {
            parts.Add(age.Hours.ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (age.Days == 0 && age.Minutes > 0)
        {
            parts.Add(age.Minutes.ToString(CultureInfo.InvariantCulture) + " min");
        }

        return string.Join(' ', parts);
    }

    public static string Count(DashboardRequest request, long value) => value.ToString("N0", Culture(request));
}
