using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>One form's figures.</summary>
/// <param name="FormId">The form, or <see langword="null"/> for what names no form (e.g. withdrawals by an unsubscribe link).</param>
/// <param name="Figures">Its counts.</param>
/// <param name="MedianTimeToConfirm">Its median time from submission to confirmation, if any confirmation.</param>
public sealed record FormStatistics(string? FormId, StatisticsFigures Figures, Duration? MedianTimeToConfirm);
