namespace Optin.Forms.DoubleOptin;

/// <summary>What a token in a link is for. A token is bound to one kind (DOI-3).</summary>
public enum TokenKind
{
    /// <summary>Confirms a pending opt-in (<c>/optin/confirm/{token}</c>).</summary>
    Confirm,

    /// <summary>Withdraws a consent (<c>/optin/unsubscribe/{token}</c>).</summary>
    Unsubscribe,
}
