namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>The outcome of the rate limits for one post (ABU-1).</summary>
internal enum RateLimitVerdict
{
    /// <summary>Under every limit.</summary>
    Allowed,

    /// <summary>Too many posts from this IP address or to this form: answered 429.</summary>
    Refused,

    /// <summary>Too many posts for this address: answered like a success, so the answer reveals nothing (ABU-3).</summary>
    SilentlyDropped,
}
