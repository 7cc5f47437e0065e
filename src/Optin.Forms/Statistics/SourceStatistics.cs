namespace Optin.Forms.Statistics;

/// <summary>The views that came with one <c>utm_source</c>.</summary>
/// <param name="Source">The source, or empty for none.</param>
/// <param name="Views">Its views over the period.</param>
public sealed record SourceStatistics(string Source, long Views);
