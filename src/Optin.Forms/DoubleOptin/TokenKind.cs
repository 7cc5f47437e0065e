namespace Optin.Forms.DoubleOptin;

/// <summary>What a token in a link is for. A token is bound to one kind (DOI-3).</summary>
public enum TokenKind
{
    /// <summary>Confirms a pending opt-in (<c>/optin/confirm/{token}</c>).</summary>
    Confirm,

    /// <summary>Withdraws a consent (<c>/optin/unsubscribe/{token}</c>).</summary>
    Unsubscribe,

    /// <summary>
    /// Opens the person's preference page (<c>/optin/preferences/{token}</c>): it shows what they consented to and can only
    /// withdraw or object, never give consent. Long-lived, and revoked when the address changes or the contact is erased.
    /// </summary>
    Preferences,
}
