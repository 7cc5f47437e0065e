namespace Optin.Forms.Schema;

/// <summary>A validated landing page.</summary>
/// <param name="Slug">The page's key in configuration.</param>
/// <param name="Path">The local path it is served at.</param>
/// <param name="Title">The title per culture.</param>
/// <param name="Template">The template id it renders from, or <see langword="null"/> for the default.</param>
/// <param name="Form">The form it holds.</param>
public sealed record LandingPageDefinition(string Slug, string Path, LocalizedText Title, string? Template, FormDefinition Form)
{
    /// <summary>
    /// The Liquid HTML of <see cref="Template"/> per culture (<c>Templates:{id}:Html:{culture}</c> or
    /// <c>Templates:{id}:{culture}:Html</c>), as the configuration reader read and the start-time checks parsed it; empty
    /// without a template.
    /// </summary>
    public LocalizedText TemplateHtml { get; init; } = LocalizedText.Empty;

    /// <summary>Whether the template is the body in the default layout, or the whole page (<c>OptinForms:LandingPages:{slug}:Layout</c>).</summary>
    public LandingLayout Layout { get; init; }

    /// <summary>The template root, absolute, that the template's <c>{% include %}</c> reads from (CFG-2); null without a template.</summary>
    public string? TemplateRoot { get; init; }
}
