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

    /// <summary>Whether the payload carries the person's address (<c>email</c>). Default false: ids only.</summary>
    /// <remarks>
    /// Data minimisation (GDPR Art. 5(1)(c)): by default the receiver gets ids and looks the person up itself. Opting in
    /// makes the receiver (a CRM) a recipient of the personal data, to be listed in the record of processing (Art. 30).
    /// </remarks>
    public bool IncludeEmail { get; set; }

    /// <summary>
    /// The fields whose values the payload carries (<c>fields</c>), by name: a JSON list (<c>["company", "jobtitle"]</c>)
    /// or a comma-separated text. Default none. Each must be a field of the forms the rule can be about; the address is
    /// <see cref="IncludeEmail"/>'s.
    /// </summary>
    public IReadOnlyList<string>? IncludeFields { get; set; }
}
