namespace Optin.Forms.Templates;

/// <summary>
/// An email template (<c>OptinForms:Templates:{templateId}</c>): subject, HTML body and text body, each either one text
/// or one per culture, inline or in a file under the template root.
/// </summary>
public sealed class EmailTemplateOptions
{
    /// <summary>Whether the template is direct marketing: it is then sent only after confirmation (DOI-1) and carries an unsubscribe link (WD-1).</summary>
    /// <remarks>
    /// Unset (<see langword="null"/>), a template that replaces an embedded marketing default (<c>welcome</c>) stays
    /// marketing, and any other template is not; only an explicit <see langword="false"/> turns a replaced marketing
    /// default into a plain email. Mail sent for a marketing purpose is marketing whatever this says (WD-1).
    /// </remarks>
    public bool? Marketing { get; set; }

    /// <summary>The subject per culture (Liquid).</summary>
    public Dictionary<string, string> Subject { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTML body per culture (Liquid).</summary>
    public Dictionary<string, string> Html { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text body per culture (Liquid).</summary>
    public Dictionary<string, string> Text { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTML body per culture, as a file path relative to the template root (CFG-2).</summary>
    public Dictionary<string, string> HtmlFile { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text body per culture, as a file path relative to the template root (CFG-2).</summary>
    public Dictionary<string, string> TextFile { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
