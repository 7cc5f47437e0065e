namespace Optin.Forms.Statistics;

/// <summary>One landing page's views.</summary>
/// <param name="Slug">The page's slug.</param>
/// <param name="FormId">Its form.</param>
/// <param name="Views">Its views over the period.</param>
public sealed record LandingPageStatistics(string Slug, string FormId, long Views)
{
    /// <summary>Each A/B variant's figures, in configuration order; empty for a page without variants.</summary>
    public IReadOnlyList<VariantStatistics> Variants { get; init; } = [];
}
