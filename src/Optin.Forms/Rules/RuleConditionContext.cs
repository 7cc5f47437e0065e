using Optin.Forms.Contacts;

namespace Optin.Forms.Rules;

/// <summary>What a condition sees: the event and the contact as it is in the event's transaction.</summary>
/// <param name="Event">The event.</param>
/// <param name="Contact">The contact, or <see langword="null"/> when it is gone.</param>
public sealed record RuleConditionContext(OptinEvent Event, Contact? Contact);
