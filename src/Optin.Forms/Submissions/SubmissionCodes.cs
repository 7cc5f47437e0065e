namespace Optin.Forms.Submissions;

/// <summary>Stable codes of visitor-facing outcomes (<c>OPTIN2xxx</c>).</summary>
public static class SubmissionCodes
{
    /// <summary>No form has this id.</summary>
    public const string UnknownForm = "OPTIN2000";

    /// <summary>A required field is empty.</summary>
    public const string Required = "OPTIN2001";

    /// <summary>A value is longer than the field allows.</summary>
    public const string TooLong = "OPTIN2002";

    /// <summary>A value does not match the field's pattern.</summary>
    public const string PatternMismatch = "OPTIN2003";

    /// <summary>Not a bare, valid email address (SEC-5).</summary>
    public const string InvalidEmail = "OPTIN2004";

    /// <summary>A value of a choice field (select, radio, checkbox group, multi-select) that is not one of the declared options.</summary>
    public const string InvalidChoice = "OPTIN2005";

    /// <summary>Not a number.</summary>
    public const string InvalidNumber = "OPTIN2006";

    /// <summary>Not an ISO 8601 date.</summary>
    public const string InvalidDate = "OPTIN2007";

    /// <summary>A field posted more than once.</summary>
    public const string Repeated = "OPTIN2008";

    /// <summary>A telephone number with characters other than digits, spaces and <c>+ . - ( )</c>, or not a valid number (in the field's region when it has no <c>+</c>).</summary>
    public const string InvalidPhone = "OPTIN2010";

    /// <summary>Control or invisible characters where none are allowed (SEC-3).</summary>
    public const string InvalidCharacters = "OPTIN2011";

    /// <summary>A checkbox field posted with a value other than <c>true</c>.</summary>
    public const string InvalidCheckbox = "OPTIN2012";

    /// <summary>An email address longer than 254 characters (or a local part over 64).</summary>
    public const string EmailTooLong = "OPTIN2013";

    /// <summary>A checkbox group or multi-select posted with the same value twice.</summary>
    public const string DuplicateChoice = "OPTIN2030";

    /// <summary>A checkbox group or multi-select posted with more values than the field's <c>MaxChoices</c>.</summary>
    public const string TooManyChoices = "OPTIN2031";

    /// <summary>A number or a date outside the field's <c>Min</c> and <c>Max</c>.</summary>
    public const string OutOfRange = "OPTIN2032";

    /// <summary>A change refused because the person objected to direct marketing (WD-6).</summary>
    public const string Objected = "OPTIN2101";

    /// <summary>The contact does not exist.</summary>
    public const string ContactNotFound = "OPTIN2102";

    /// <summary>The purpose is not declared.</summary>
    public const string UnknownPurpose = "OPTIN2103";

    /// <summary>Nothing to change: the contact is already in that state.</summary>
    public const string Unchanged = "OPTIN2104";

    /// <summary>A change refused because processing is restricted for the person (GDPR Art. 18).</summary>
    public const string Restricted = "OPTIN2120";

    /// <summary>A rectification refused because another contact holds the new address (DSR-3).</summary>
    public const string EmailTaken = "OPTIN2121";

    /// <summary>A manual opt-in refused because the address is on the suppression list (RET-3, DOI-9).</summary>
    public const string Suppressed = "OPTIN2122";

    /// <summary>A manual opt-in to a marketing purpose the person withdrew: only their own double opt-in gives it back (RET-3).</summary>
    public const string Withdrawn = "OPTIN2123";
}
