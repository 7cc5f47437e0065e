namespace Optin.Forms.Schema;

/// <summary>The texts of a purpose in one culture.</summary>
public sealed class PurposeTextOptions
{
    /// <summary>The consent text shown as the checkbox's label.</summary>
    public string? Consent { get; set; }

    /// <summary>The purpose of the processing, shown beside the checkbox.</summary>
    public string? Purpose { get; set; }
}
