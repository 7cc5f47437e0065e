using System.ComponentModel.DataAnnotations;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>AddTag</c>.</summary>
public sealed class AddTagArgs
{
    /// <summary>The tag.</summary>
    [Required]
    public string? Tag { get; set; }
}
