namespace Optin.Forms.Preferences;

/// <summary>The <c>Reason</c> the ledger records for a change made on the preference page.</summary>
public static class PreferenceReasons
{
    /// <summary>One purpose withdrawn on the preference page.</summary>
    public const string Withdrawn = "preference-page";

    /// <summary>Every purpose withdrawn at once on the preference page.</summary>
    public const string WithdrawnAll = "preference-page-all";

    /// <summary>An objection to direct marketing made on the preference page (GDPR Art. 21(2)).</summary>
    public const string Objection = "objection";
}
