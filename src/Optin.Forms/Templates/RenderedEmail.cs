namespace Optin.Forms.Templates;

/// <summary>A rendered email: subject, HTML and text, and the hash of the template version used (DOI-10).</summary>
/// <param name="TemplateId">The template.</param>
/// <param name="Culture">The culture rendered.</param>
/// <param name="Subject">The subject (one line; checked again when it becomes a header, SEC-3).</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The text body.</param>
/// <param name="Marketing">Whether the template is marketing (WD-1 headers, DOI-1 checks).</param>
/// <param name="TemplateSha256">Lower-case hex SHA-256 of the template's sources.</param>
public sealed record RenderedEmail(string TemplateId, string Culture, string Subject, string Html, string Text, bool Marketing,
    string TemplateSha256)
{
    /// <summary>The template's sources as hashed into <see cref="TemplateSha256"/>, for the content archive (EVD-1).</summary>
    public string? TemplateSources { get; init; }
}
