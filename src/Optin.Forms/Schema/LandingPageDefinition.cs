using System.Collections.Immutable;

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

    /// <summary>The page's A/B variants in configuration order; empty for a page without variants.</summary>
    public ImmutableArray<LandingPageVariant> Variants { get; init; } = [];

    /// <summary>The variant <paramref name="id"/> (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="id">The variant id.</param>
    public LandingPageVariant? FindVariant(string? id)
    {
        foreach (var variant in Variants)
        {
            if (string.Equals(variant.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return variant;
            }
        }

        return null;
    }

    /// <summary>
    /// The variant a roll in [0, total weight) falls on: each variant takes a share of the range as wide as its weight, so
    /// a uniform roll shows each in proportion to its weight. <see langword="null"/> for a page without variants.
    /// </summary>
    /// <param name="random">The source of the roll (<see cref="Random.Shared"/> in production; a seeded one in tests).</param>
    public LandingPageVariant? ChooseVariant(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var total = 0;
        foreach (var variant in Variants)
        {
            total += variant.Weight;
        }

        if (total <= 0)
        {
            return null;
        }

        var roll = random.Next(total);
        foreach (var variant in Variants)
        {
            if (roll < variant.Weight)
            {
                return variant;
            }

            roll -= variant.Weight;
        }

        return null;
    }

    /// <summary>The page as <paramref name="variant"/> shows it: the variant's form and template (the page's when it names none).</summary>
    /// <param name="variant">One of <see cref="Variants"/>.</param>
    public LandingPageDefinition As(LandingPageVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.Template is null
            ? this with { Form = variant.Form }
            : this with { Form = variant.Form, Template = variant.Template, TemplateHtml = variant.TemplateHtml };
    }

    /// <summary>Whether a post of <paramref name="formId"/> can come from this page: its form or a variant's.</summary>
    /// <param name="formId">The form posted.</param>
    public bool Holds(string formId)
    {
        if (string.Equals(Form.Id, formId, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var variant in Variants)
        {
            if (string.Equals(variant.Form.Id, formId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
