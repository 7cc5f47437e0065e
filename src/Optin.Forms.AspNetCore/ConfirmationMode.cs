namespace Optin.Forms.AspNetCore;

/// <summary>How the confirmation page asks for the confirming POST.</summary>
public enum ConfirmationMode
{
    /// <summary>The visitor presses a button (the default).</summary>
    Button,

    /// <summary>
    /// A small script posts the confirm form as soon as the page loads, for a one-click feel. Mail scanners that fetch
    /// links without running scripts still change nothing (DOI-2).
    /// </summary>
    AutoSubmit,
}
