namespace Optin.Forms.Rules.Actions;

/// <summary>Arguments of <c>SendDoubleOptinEmail</c>.</summary>
/// <remarks>
/// What one email confirms: the one <see cref="Purpose"/> when it is named; else, on <c>FormSubmitted</c>, every purpose
/// ticked in that submission (or those of <see cref="Purposes"/> ticked in it), with one link and one click; else the
/// event's purpose.
/// </remarks>
public sealed class SendDoubleOptinEmailArgs
{
    /// <summary>The value of <see cref="Purposes"/> that stands for every purpose ticked in the submission.</summary>
    public const string Submitted = "Submitted";

    /// <summary>The one purpose to confirm; defaults to the event's purpose, or on <c>FormSubmitted</c> to those of <see cref="Purposes"/>.</summary>
    public string? Purpose { get; set; }

    /// <summary>
    /// On <c>FormSubmitted</c> only: <c>Submitted</c> (the default when no <see cref="Purpose"/> is named) for every purpose
    /// ticked in the submission, or purpose ids separated by commas for those of them ticked in it; one email confirms them all.
    /// </summary>
    public string? Purposes { get; set; }

    /// <summary>Send only if the contact is still waiting for confirmation (reminders).</summary>
    public bool OnlyIfPending { get; set; }

    /// <summary>The template. Default <c>double-optin</c>; it must be neutral (DOI-6).</summary>
    public string Template { get; set; } = "double-optin";

    /// <summary>The purpose ids of <see cref="Purposes"/>: null for every purpose ticked (<c>Submitted</c> or not set).</summary>
    internal IReadOnlyList<string>? PurposeList() =>
        Purposes is null || string.Equals(Purposes.Trim(), Submitted, StringComparison.OrdinalIgnoreCase)
            ? null
            : Purposes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
