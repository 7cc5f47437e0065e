namespace Optin.Forms.Schema;

/// <summary>
/// The JSON schema of an <c>appsettings.json</c> file with an <c>OptinForms</c> section, so that editors complete and check
/// the section as the site owner types (<c>optin schema</c> prints it; the package also holds it as
/// <c>content/optin-forms.schema.json</c>).
/// </summary>
/// <remarks>
/// The schema helps while typing; the start-time check (<c>optin check</c>, or the host itself) stays the reference: it
/// also checks references between sections, texts and templates, and it accepts the conditions and actions a host
/// registers, which the schema does not know.
/// </remarks>
public static class OptinFormsJsonSchema
{
    /// <summary>The schema's file name: <c>optin-forms.schema.json</c>.</summary>
    public const string FileName = "optin-forms.schema.json";

    private static readonly Lazy<string> Content = new(Load);

    /// <summary>The schema (JSON Schema draft-07), as UTF-8 text.</summary>
    public static string Text => Content.Value;

    private static string Load()
    {
        using var stream = typeof(OptinFormsJsonSchema).Assembly.GetManifestResourceStream("Optin.Forms." + FileName)
            ?? throw new InvalidOperationException($"The embedded resource Optin.Forms.{FileName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
