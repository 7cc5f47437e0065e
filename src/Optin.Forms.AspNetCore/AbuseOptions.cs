namespace Optin.Forms.AspNetCore;

/// <summary>Abuse guards of form posts (<c>OptinForms:Abuse</c>).</summary>
public sealed class AbuseOptions
{
    /// <summary>The minimum time between rendering and posting a form (ABU-2); <c>00:00:00</c> disables. Default 2 s.</summary>
    public TimeSpan MinFillTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a rendered form stays postable. Default 1 day.</summary>
    public TimeSpan MaxFillTime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The name of the honeypot field that people never see nor fill (ABU-2). Default <c>website</c>.</summary>
    public string Honeypot { get; set; } = "website";

    /// <summary>Rate limits (ABU-1).</summary>
    public RateLimitingOptions RateLimiting { get; set; } = new();

    /// <summary>The proof-of-work challenge of the forms that turn it on (<c>OptinForms:Abuse:Challenge</c>).</summary>
    public ChallengeOptions Challenge { get; set; } = new();
}
