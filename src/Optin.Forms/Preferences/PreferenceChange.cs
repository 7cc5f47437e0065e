namespace Optin.Forms.Preferences;

/// <summary>A change asked for on the preference page.</summary>
/// <param name="Action">What to do.</param>
/// <param name="PurposeId">The purpose to withdraw (<see cref="PreferenceAction.Withdraw"/> only).</param>
public sealed record PreferenceChange(PreferenceAction Action, string? PurposeId = null);
