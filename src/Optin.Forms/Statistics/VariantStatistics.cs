namespace Optin.Forms.Statistics;

/// <summary>One A/B variant's figures over a period.</summary>
/// <param name="Variant">The variant's id.</param>
/// <param name="Weight">Its configured weight.</param>
/// <param name="Views">Views of the page showing it.</param>
/// <param name="Submissions">Submissions posted from it.</param>
/// <param name="Confirmations">Opt-ins confirmed that answer those submissions.</param>
public sealed record VariantStatistics(string Variant, int Weight, long Views, long Submissions, long Confirmations);
