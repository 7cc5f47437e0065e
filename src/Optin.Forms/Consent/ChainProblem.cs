namespace Optin.Forms.Consent;

/// <summary>The first broken entry of a contact's chain (LEDG-1).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="Sequence">The ledger sequence of the first broken entry, or null when the break is after the last entry.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">A sentence for the operator.</param>
public sealed record ChainProblem(Guid ContactId, long? Sequence, ChainProblemKind Kind, string Detail);
