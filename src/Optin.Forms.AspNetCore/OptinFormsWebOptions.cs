using System.Net;

namespace Optin.Forms.AspNetCore;

/// <summary>Settings of the ASP.NET Core integration (read from <c>OptinForms</c>, amended by <c>UseAspNetCore(...)</c>).</summary>
public sealed class OptinFormsWebOptions
{
    /// <summary>The prefix of every Optin.Forms route (<c>OptinForms:PathPrefix</c>). Default <c>/optin</c>.</summary>
    public string PathPrefix { get; set; } = OptinFormsOptions.DefaultPathPrefix;

    /// <summary>The largest request body a form post may have, in bytes (SEC-6). Default 64 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>The most posted fields a form post may hold (SEC-6). Default 64.</summary>
    public int MaxFieldCount { get; set; } = 64;

    /// <summary>The longest posted value, in characters (SEC-6). Default 8,000.</summary>
    public int MaxFieldLength { get; set; } = 8000;

    /// <summary>Hosts (besides this site) that a redirect may lead to (SEC-2); compared case-insensitively.</summary>
    public List<string> AllowedRedirectHosts { get; set; } = [];

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c> header is believed. Empty by default: the client IP is the connection's.
    /// </summary>
    public List<IPAddress> TrustedProxies { get; set; } = [];

    /// <summary>Where a confirmed visitor is sent (<c>OptinForms:DoubleOptin:ConfirmedPage</c>); a built-in page when empty.</summary>
    public string? ConfirmedPage { get; set; }

    /// <summary>How the confirmation page behaves (<c>OptinForms:DoubleOptin:ConfirmationMode</c>).</summary>
    public ConfirmationMode ConfirmationMode { get; set; } = ConfirmationMode.Button;

    /// <summary>The abuse guards (<c>OptinForms:Abuse</c>).</summary>
    public AbuseOptions Abuse { get; set; } = new();

    /// <summary>The site name shown in the page header of the built-in pages; none by default.</summary>
    public string? SiteName { get; set; }

    /// <summary>The admin API (section <c>OptinForms:Admin</c>); off by default.</summary>
    public AdminApiOptions Admin { get; set; } = new();

    /// <summary>The bounce endpoint (section <c>OptinForms:Deliverability</c>); off until a report secret is set.</summary>
    public BounceEndpointOptions Deliverability { get; set; } = new();
}
