namespace Optin.Forms.DoubleOptin;

/// <summary>The outcome of looking up or using a token.</summary>
/// <remarks>
/// Unknown, used and expired tokens share one status so that pages answer them alike and reveal nothing about
/// an address (ABU-3, WD-7).
/// </remarks>
public enum TokenStatus
{
    /// <summary>The token is valid (on lookup) or the action was done (on use).</summary>
    Valid,

    /// <summary>Unknown, already used, expired or of another kind.</summary>
    Invalid,
}
