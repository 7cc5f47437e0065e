using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>A pending opt-in was not confirmed within the configured window (DOI-5).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When the sweep found it.</param>
/// <param name="PurposeId">The purpose that stayed unconfirmed.</param>
public sealed record DoubleOptinExpired(Guid ContactId, Instant OccurredAt, string PurposeId) : OptinEvent(ContactId, OccurredAt);
