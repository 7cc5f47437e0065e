namespace Optin.Forms.Schema;

/// <summary>The legal basis of a processing (GDPR Art. 6(1)).</summary>
public enum LegalBasis
{
    /// <summary>Consent of the person, Art. 6(1)(a): the consent purposes (one box per purpose).</summary>
    Consent,

    /// <summary>
    /// Performance of a contract with the person, or steps taken at their request before entering into one (a quote
    /// request), Art. 6(1)(b).
    /// </summary>
    Contract,

    /// <summary>Legitimate interests of the controller, Art. 6(1)(f); the interest must be stated.</summary>
    LegitimateInterest,

    /// <summary>Compliance with a legal obligation of the controller, Art. 6(1)(c).</summary>
    LegalObligation,
}
