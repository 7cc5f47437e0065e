using NodaTime;
using Optin.Forms.Consent;

namespace Optin.Forms.Rules;

/// <summary>A person withdrew an opt-in (an unsubscribe link, a one-click unsubscribe).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="PurposeId">The purpose withdrawn.</param>
/// <param name="Method">How.</param>
public sealed record OptinWithdrawn(Guid ContactId, Instant OccurredAt, string PurposeId, ConsentMethod Method)
    : OptinEvent(ContactId, OccurredAt);
