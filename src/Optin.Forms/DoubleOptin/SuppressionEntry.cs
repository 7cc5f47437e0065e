using NodaTime;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// "Do not mail this address until …": kept as a keyed hash of the address, so the list itself holds no address
/// (DOI-9).
/// </summary>
/// <param name="AddressHash">Lower-case hex HMAC-SHA256 of the address comparison key.</param>
/// <param name="Reason">Why (for example <c>not-me</c>); never the address.</param>
/// <param name="CreatedAt">When the entry was made.</param>
/// <param name="ExpiresAt">When mail may go to the address again.</param>
public sealed record SuppressionEntry(string AddressHash, string Reason, Instant CreatedAt, Instant ExpiresAt);
