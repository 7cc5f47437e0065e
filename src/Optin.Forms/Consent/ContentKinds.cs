namespace Optin.Forms.Consent;

/// <summary>The kinds of content the archive keeps (<see cref="ArchivedContent.Kind"/>).</summary>
public static class ContentKinds
{
    /// <summary>A consent text, as shown beside the box.</summary>
    public const string ConsentText = "consent-text";

    /// <summary>A purpose text.</summary>
    public const string PurposeText = "purpose-text";

    /// <summary>A form definition in its canonical JSON serialization.</summary>
    public const string FormDefinition = "form-definition";

    /// <summary>The consent box as the library rendered it, unticked (HTML).</summary>
    public const string ConsentBox = "consent-box";

    /// <summary>An email template's sources (subject, HTML and text, separated by U+001F) as hashed for the ledger.</summary>
    public const string EmailTemplate = "email-template";

    /// <summary>An email as sent (headers that matter and both bodies), its link secrets replaced by a placeholder.</summary>
    public const string Email = "email";

    /// <summary>A privacy notice reference (URL or text) in force.</summary>
    public const string PrivacyNotice = "privacy-notice";
}
