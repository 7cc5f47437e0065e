using System.ComponentModel.DataAnnotations;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>Wait</c>: the actions after it are due this much later.</summary>
public sealed class WaitArgs
{
    /// <summary>The delay, for example <c>3.00:00:00</c>.</summary>
    [Required]
    public TimeSpan? For { get; set; }
}
