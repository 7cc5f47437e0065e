using System.ComponentModel.DataAnnotations;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>Webhook</c>.</summary>
public sealed class WebhookArgs
{
    /// <summary>The absolute https URL to POST to (http is accepted for loopback addresses only).</summary>
    [Required]
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key the receiver checks the signature with; keep it out of source control (user secrets, environment).</summary>
    [Required]
    public string? Secret { get; set; }
}
