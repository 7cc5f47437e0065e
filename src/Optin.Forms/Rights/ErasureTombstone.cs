using NodaTime;

namespace Optin.Forms.Rights;

/// <summary>What stays of an erased contact: proof that the erasure was made, with no personal data (DSR-5).</summary>
/// <param name="ContactId">The erased contact's id.</param>
/// <param name="ErasedAt">When the erasure was committed.</param>
/// <param name="Reason">Why.</param>
/// <param name="Reference">The reference of the request (a ticket number), if one was given.</param>
/// <param name="Actor">Who erased (the operator, or <c>null</c> for a sweep or a link).</param>
public sealed record ErasureTombstone(Guid ContactId, Instant ErasedAt, ErasureReason Reason, string? Reference, string? Actor);
