namespace Optin.Forms.Contacts;

/// <summary>An operator's change of the opt-in of every contact matching a query.</summary>
/// <param name="Query">Which contacts.</param>
/// <param name="PurposeId">The purpose.</param>
/// <param name="State">The new state: <see cref="OptinState.OptedIn"/>, <see cref="OptinState.Withdrawn"/> or <see cref="OptinState.None"/>.</param>
/// <param name="Actor">Who makes the change.</param>
/// <param name="Reason">Why.</param>
/// <param name="LegalBasis">What the change rests on.</param>
public sealed record BulkOptinRequest(ContactQuery Query, string PurposeId, OptinState State, string Actor, string Reason, string LegalBasis);
