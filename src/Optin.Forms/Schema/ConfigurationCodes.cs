namespace Optin.Forms.Schema;

/// <summary>Stable codes of configuration problems (<c>OPTIN1xxx</c>).</summary>
public static class ConfigurationCodes
{
    /// <summary>A key that Optin.Forms does not know (CFG-1).</summary>
    public const string UnknownKey = "OPTIN1001";

    /// <summary>A value of the wrong type (CFG-1).</summary>
    public const string WrongType = "OPTIN1002";

    /// <summary>A consent checkbox checked by default (CONS-2).</summary>
    public const string PreCheckedConsent = "OPTIN1003";

    /// <summary>One checkbox bound to several purposes (CONS-4).</summary>
    public const string SeveralPurposes = "OPTIN1004";

    /// <summary>A marketing purpose without controller, privacy notice or retention (CONS-9).</summary>
    public const string IncompleteMarketingPurpose = "OPTIN1005";

    /// <summary>A reference to something that is not declared (CFG-1).</summary>
    public const string DanglingReference = "OPTIN1006";

    /// <summary>A required value is missing.</summary>
    public const string Missing = "OPTIN1007";

    /// <summary>A value that is of the right type but not allowed.</summary>
    public const string Invalid = "OPTIN1008";

    /// <summary>The same name declared twice.</summary>
    public const string Duplicate = "OPTIN1009";

    /// <summary>A marketing purpose on a form without double opt-in (DOI-1: no marketing before a confirmed opt-in).</summary>
    public const string MarketingWithoutDoubleOptin = "OPTIN1010";

    /// <summary>A field whose name or options read like a consent: consent has its own checkboxes, one per purpose (CONS-4).</summary>
    public const string ConsentLookalike = "OPTIN1020";

    /// <summary>Conditional fields (<c>ShowWhen</c>) that wait on themselves or on each other in a circle: none could ever be shown.</summary>
    public const string ConditionCycle = "OPTIN1040";

    /// <summary>A consent checkbox given a condition: consent boxes are always shown, one per purpose (CONS-4).</summary>
    public const string ConditionalConsent = "OPTIN1041";
}
