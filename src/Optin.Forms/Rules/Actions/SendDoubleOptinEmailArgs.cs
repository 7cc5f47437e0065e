namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>SendDoubleOptinEmail</c>.</summary>
public sealed class SendDoubleOptinEmailArgs
{
    /// <summary>The purpose to confirm; defaults to the event's purpose.</summary>
    public string? Purpose { get; set; }

    /// <summary>Send only if the contact is still waiting for confirmation (reminders).</summary>
    public bool OnlyIfPending { get; set; }

    /// <summary>The template. Default <c>double-optin</c>; it must be neutral (DOI-6).</summary>
    public string Template { get; set; } = "double-optin";
}
