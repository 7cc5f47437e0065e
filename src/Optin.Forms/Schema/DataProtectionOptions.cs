namespace Optin.Forms.Schema;

/// <summary>Controller identity, privacy notice and personal-data capture settings (<c>OptinForms:DataProtection</c>).</summary>
public sealed class DataProtectionOptions
{
    /// <summary>The data controller named in every consent event (GDPR Art. 13(1)(a)); purposes may override it.</summary>
    public string? Controller { get; set; }

    /// <summary>Link or reference to the privacy notice shown beside every consent; purposes may override it.</summary>
    public string? PrivacyNoticeUrl { get; set; }

    /// <summary>How much of the visitor's IP address a consent event keeps. Default <see cref="CaptureMode.Truncated"/>.</summary>
    public CaptureMode IpAddress { get; set; } = CaptureMode.Truncated;

    /// <summary>How much of the visitor's user agent a consent event keeps. Default <see cref="CaptureMode.Full"/>.</summary>
    public CaptureMode UserAgent { get; set; } = CaptureMode.Full;
}
