namespace Optin.Forms.Contacts;

/// <summary>A contact's opt-in state for one purpose.</summary>
public enum OptinState
{
    /// <summary>No consent has been given (the default; absence of consent is never consent).</summary>
    None,

    /// <summary>Consent was given on a form and waits for the double opt-in confirmation.</summary>
    PendingConfirmation,

    /// <summary>Consent is given and, where required, confirmed.</summary>
    OptedIn,

    /// <summary>Consent was withdrawn.</summary>
    Withdrawn,
}
