using System.ComponentModel.DataAnnotations;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>SetField</c>.</summary>
public sealed class SetFieldArgs
{
    /// <summary>The field name.</summary>
    [Required]
    public string? Field { get; set; }

    /// <summary>The value; empty removes the field.</summary>
    public string? Value { get; set; }
}
