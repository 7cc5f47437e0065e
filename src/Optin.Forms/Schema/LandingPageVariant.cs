namespace Optin.Forms.Schema;

/// <summary>A validated variant of an A/B landing page.</summary>
/// <param name="Id">The variant's key in configuration (<c>a</c>, <c>b</c>, <c>short-headline</c>).</param>
/// <param name="Weight">Its weight among the page's variants (0: paused, never shown).</param>
/// <param name="Template">The template id it renders from, or <see langword="null"/> for the default.</param>
/// <param name="Form">The form it holds (the page's form unless the variant names its own).</param>
public sealed record LandingPageVariant(string Id, int Weight, string? Template, FormDefinition Form)
{
    /// <summary>The longest variant id.</summary>
    public const int MaxIdLength = 32;

    /// <summary>The largest weight of one variant.</summary>
    public const int MaxWeight = 10_000;

    /// <summary>The Liquid HTML of <see cref="Template"/> per culture, as checked at start; empty without a template.</summary>
    public LocalizedText TemplateHtml { get; init; } = LocalizedText.Empty;
}
