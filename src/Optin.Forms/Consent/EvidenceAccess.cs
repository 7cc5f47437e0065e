using NodaTime;

namespace Optin.Forms.Consent;

/// <summary>
/// One read of a person's evidence or export (EVD-1): who read it, when, and what. The access log is append-only and
/// is kept after erasure; it holds the contact id only, never the address.
/// </summary>
/// <param name="Id">The entry's id.</param>
/// <param name="ContactId">The contact whose data was read.</param>
/// <param name="Actor">The signed-in identity that read it.</param>
/// <param name="Action">What was read (<c>evidence.html</c>, <c>evidence.json</c>, <c>export</c>).</param>
/// <param name="At">When.</param>
public sealed record EvidenceAccess(Guid Id, Guid ContactId, string Actor, string Action, Instant At);
