namespace Optin.Forms.Contacts;

/// <summary>An operator's change of one contact's opt-in, with the accountability the ledger keeps.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="PurposeId">The purpose.</param>
/// <param name="State">The new state: <see cref="OptinState.OptedIn"/>, <see cref="OptinState.Withdrawn"/> or <see cref="OptinState.None"/>.</param>
/// <param name="Actor">Who makes the change (a user name, never a shared account).</param>
/// <param name="Reason">Why.</param>
/// <param name="LegalBasis">What the change rests on, for example "signed paper form, 2026-11-12, file 42".</param>
public sealed record ManualOptinChange(Guid ContactId, string PurposeId, OptinState State, string Actor, string Reason, string LegalBasis);
