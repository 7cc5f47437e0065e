namespace Optin.Forms.Schema;

/// <summary>The texts of a purpose in one culture, exactly as shown, with their SHA-256 (CONS-6, CONS-7).</summary>
/// <param name="Culture">The culture the texts are written in.</param>
/// <param name="Consent">The consent text, the checkbox's label.</param>
/// <param name="Purpose">The purpose of the processing.</param>
public sealed record PurposeText(string Culture, string Consent, string Purpose)
{
    /// <summary>Lower-case hex SHA-256 of the UTF-8 consent text.</summary>
    public string ConsentSha256 { get; } = Hashing.Sha256Hex(Consent);

    /// <summary>Lower-case hex SHA-256 of the UTF-8 purpose text.</summary>
    public string PurposeSha256 { get; } = Hashing.Sha256Hex(Purpose);

    /// <summary>The version of these texts: the first 16 hex digits of SHA-256 over both texts.</summary>
    public string Version { get; } = Hashing.Sha256Hex(Consent + "\n\u001f\n" + Purpose)[..16];
}
