using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>A person confirmed an opt-in through the double opt-in link.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="PurposeId">The purpose confirmed.</param>
/// <param name="Culture">The culture of the confirmation email, used for what follows (the welcome email).</param>
public sealed record OptinConfirmed(Guid ContactId, Instant OccurredAt, string PurposeId, string? Culture)
    : OptinEvent(ContactId, OccurredAt);
