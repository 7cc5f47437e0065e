namespace Optin.Forms.AspNetCore;

/// <summary>Rate limits on form posts (<c>OptinForms:Abuse:RateLimiting</c>, ABU-1).</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Whether any limit applies; <see langword="false"/> switches every one off (for load tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Posts per client IP address per minute. Default 10.</summary>
    public int PerIpPerMinute { get; set; } = 10;

    /// <summary>Posts per email address per day. Default 5.</summary>
    public int PerAddressPerDay { get; set; } = 5;

    /// <summary>Posts per form per minute, all visitors together. Default 300.</summary>
    public int PerFormPerMinute { get; set; } = 300;
}
