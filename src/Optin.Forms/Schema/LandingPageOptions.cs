namespace Optin.Forms.Schema;

/// <summary>A landing page (<c>OptinForms:LandingPages:{slug}</c>).</summary>
public sealed class LandingPageOptions
{
    /// <summary>The local path the page is served at, for example <c>/salon</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The page title per culture.</summary>
    public Dictionary<string, string> Title { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Liquid template id the page is rendered from; the default landing template when empty.</summary>
    public string? Template { get; set; }

    /// <summary>
    /// <see cref="LandingLayout.Default"/> (the template is the body, in the default layout) or <see cref="LandingLayout.None"/>
    /// (the template is the whole page, with <c>{{ form }}</c> and <c>{{ assets }}</c>).
    /// </summary>
    public LandingLayout Layout { get; set; }

    /// <summary>The id of the form the page holds.</summary>
    public string? Form { get; set; }

    /// <summary>
    /// The page's A/B variants by id (letters, digits, <c>-</c> and <c>_</c>, up to 32 characters). Each view draws one
    /// at random by weight; the form carries the variant shown, signed, to the submission. None: one page.
    /// </summary>
    public Dictionary<string, LandingPageVariantOptions> Variants { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
