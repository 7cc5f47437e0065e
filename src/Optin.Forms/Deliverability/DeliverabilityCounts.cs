using NodaTime;

namespace Optin.Forms.Deliverability;

/// <summary>The bounces and complaints of one UTC day (aggregates only).</summary>
/// <param name="Day">The day, in UTC.</param>
/// <param name="Undeliverable">Addresses marked undeliverable (a permanent SMTP refusal or a permanent failure in a DSN).</param>
/// <param name="Transient">Transient failures reported by DSNs (delayed, or failed with a 4.x.x status): counted only.</param>
/// <param name="Complaints">Complaints (feedback reports) that withdrew consent or suppressed an address.</param>
public sealed record DeliverabilityCounts(LocalDate Day, long Undeliverable, long Transient, long Complaints);
