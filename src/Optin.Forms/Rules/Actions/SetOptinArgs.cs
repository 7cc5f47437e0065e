using System.ComponentModel.DataAnnotations;
using Optin.Forms.Contacts;

namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>SetOptin</c>. A rule never opts anyone in to a marketing purpose (DOI-1).</summary>
public sealed class SetOptinArgs
{
    /// <summary>The purpose.</summary>
    [Required]
    public string? Purpose { get; set; }

    /// <summary>The new state.</summary>
    [Required]
    public OptinState? State { get; set; }
}
