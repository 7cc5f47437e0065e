using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>Something that happened to a contact, handed to the rule engine inside the transaction that recorded it.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When it happened.</param>
public abstract record OptinEvent(Guid ContactId, Instant OccurredAt);
