using System.ComponentModel.DataAnnotations;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>SendEmail</c>.</summary>
public sealed class SendEmailArgs
{
    /// <summary>The template id.</summary>
    [Required]
    public string? Template { get; set; }

    /// <summary>A fixed recipient (for example the site owner); the contact when absent.</summary>
    public string? To { get; set; }

    /// <summary>The purpose a marketing template is sent under; defaults to the event's purpose.</summary>
    public string? Purpose { get; set; }
}
