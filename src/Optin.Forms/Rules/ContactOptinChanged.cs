using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;

namespace Optin.Forms.Rules;

/// <summary>
/// A contact's opt-in for a purpose was changed by an operator (by hand or in bulk: one event per changed contact), by
/// a rule, or by an objection.
/// </summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="PurposeId">The purpose.</param>
/// <param name="Previous">The state before.</param>
/// <param name="State">The state after.</param>
/// <param name="Method">How.</param>
public sealed record ContactOptinChanged(Guid ContactId, Instant OccurredAt, string PurposeId, OptinState Previous,
    OptinState State, ConsentMethod Method) : OptinEvent(ContactId, OccurredAt);
