using NodaTime;

namespace Optin.Forms.Contacts;

/// <summary>A contact's opt-in for one purpose, and when it last changed.</summary>
/// <param name="State">The state.</param>
/// <param name="ChangedAt">When the state last changed.</param>
public sealed record PurposeOptin(OptinState State, Instant ChangedAt);
