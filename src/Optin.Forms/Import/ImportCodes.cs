namespace Optin.Forms.Import;

/// <summary>Stable codes of import outcomes (besides the field codes of <see cref="Submissions.SubmissionCodes"/>).</summary>
public static class ImportCodes
{
    /// <summary>The record is not well-formed CSV (a stray or unclosed quote, an oversized field).</summary>
    public const string MalformedRecord = "OPTIN2201";

    /// <summary>The record has a different number of fields than the header.</summary>
    public const string WrongFieldCount = "OPTIN2202";

    /// <summary>The header has no <c>email</c> column.</summary>
    public const string MissingEmailColumn = "OPTIN2203";

    /// <summary>The file is empty.</summary>
    public const string EmptyFile = "OPTIN2204";

    /// <summary>The header names a column twice.</summary>
    public const string DuplicateColumn = "OPTIN2205";

    /// <summary>The <c>kind</c> column holds something other than <c>Lead</c>, <c>Contact</c> or <c>Account</c>.</summary>
    public const string UnknownKind = "OPTIN2206";

    /// <summary>
    /// A field's value begins like a spreadsheet formula (<c>=</c>, <c>@</c>, a tab, a carriage return, or <c>+</c> or
    /// <c>-</c> followed by something other than a number): refused, so that no formula reaches a later export (OWASP
    /// "CSV Injection").
    /// </summary>
    public const string FormulaLikeValue = "OPTIN2207";
}
