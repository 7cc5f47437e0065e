namespace Optin.Forms.Schema;

/// <summary>One variant of an A/B landing page (<c>OptinForms:LandingPages:{slug}:Variants:{id}</c>).</summary>
public sealed class LandingPageVariantOptions
{
    /// <summary>Its weight: a variant of weight 2 is shown twice as often as one of weight 1; 0 pauses it.</summary>
    public int? Weight { get; set; }

    /// <summary>The Liquid template id it renders from; the page's <c>Template</c> when empty.</summary>
    public string? Template { get; set; }

    /// <summary>The id of the form it holds; the page's <c>Form</c> when empty.</summary>
    public string? Form { get; set; }
}
