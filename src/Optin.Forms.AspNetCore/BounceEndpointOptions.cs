namespace Optin.Forms.AspNetCore;

/// <summary>
/// The bounce endpoint <c>POST {PathPrefix}/bounces</c> (section <c>OptinForms:Deliverability</c>): it takes one delivery
/// report (a DSN or an ARF feedback report) as a raw message, authenticated by a shared secret. Off without a secret.
/// </summary>
public sealed class BounceEndpointOptions
{
    /// <summary>
    /// The shared secret the caller sends as <c>Authorization: Bearer {secret}</c>; at least 32 characters. Unset (the
    /// default), the route is not mapped and answers 404. A secret: keep it in user-secrets or an environment variable.
    /// </summary>
    public string? ReportSecret { get; set; }

    /// <summary>The largest report accepted, in bytes (larger: 413). Default 1 MiB.</summary>
    public long MaxReportSize { get; set; } = 1024 * 1024;
}
