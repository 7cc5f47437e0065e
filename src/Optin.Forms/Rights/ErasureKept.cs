namespace Optin.Forms.Rights;

/// <summary>Something an erasure kept, and why (DSR-2).</summary>
/// <param name="What">What was kept (for example <c>tombstone</c>, <c>suppression</c>).</param>
/// <param name="Count">How many.</param>
/// <param name="Reason">Why it is kept and what it holds.</param>
public sealed record ErasureKept(string What, long Count, string Reason);
