using NodaTime;

namespace Optin.Forms.Statistics;

/// <summary>How long one person took to confirm: from the submission to the confirmation.</summary>
/// <param name="FormId">The form of the submission.</param>
/// <param name="ConfirmedAt">When the opt-in was confirmed.</param>
/// <param name="Delay">The time from the submission to the confirmation.</param>
public sealed record ConfirmationDelay(string? FormId, Instant ConfirmedAt, Duration Delay);
