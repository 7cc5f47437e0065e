namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A daily view count (counting without tracking): no per-view row, no cookie, no IP address.</summary>
internal sealed class ViewCountEntity
{
    /// <summary>The day as <c>yyyyMMdd</c>, in the site's time zone.</summary>
    public int Day { get; set; }

    public string FormId { get; set; } = "";

    /// <summary>The landing page's slug, or empty.</summary>
    public string LandingPage { get; set; } = "";

    /// <summary>The <c>utm_source</c>, or empty.</summary>
    public string Source { get; set; } = "";

    public long Views { get; set; }
}
