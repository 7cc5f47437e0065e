namespace Optin.Forms.Preferences;

/// <summary>What a person can do on their preference page: only take consent back, never give it.</summary>
public enum PreferenceAction
{
    /// <summary>Withdraws one purpose (GDPR Art. 7(3)).</summary>
    Withdraw,

    /// <summary>Withdraws every purpose the person holds.</summary>
    WithdrawAll,

    /// <summary>
    /// Objects to direct marketing (GDPR Art. 21(2)): every marketing purpose is withdrawn and the contact is marked as
    /// objecting, which blocks marketing mail and any later opt-in by an operator, a rule or an import (WD-6).
    /// </summary>
    ObjectToMarketing,
}
