using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.Deliverability;

/// <summary>
/// The suppression entries bounces and complaints leave, and the daily counts of what the reports said, shared by the
/// report processor and the SMTP refusal path.
/// </summary>
/// <remarks>
/// The entries last 100 years: only the person's own new double opt-in lifts them (a confirmation proves the address
/// receives mail and the person wants it). An entry in force that blocks as much or more (for example "this was not
/// me") is kept as it is.
/// </remarks>
internal static class DeliverabilityMarks
{
    /// <summary>How long an entry lasts: for good, until lifted.</summary>
    public static readonly Duration Lifetime = Duration.FromDays(36525);

    /// <summary>The counter kinds kept per day.</summary>
    public const string Permanent = "undeliverable";

    /// <inheritdoc cref="Permanent"/>
    public const string Transient = "transient";

    /// <inheritdoc cref="Permanent"/>
    public const string Complaints = "complaint";

    /// <summary>
    /// Whether the store knows the address: a contact holds it, or the suppression list has it (an erased person). A report
    /// about any other address is about mail we never sent, and changes nothing.
    /// </summary>
    public static async ValueTask<bool> IsKnownAsync(IOptinTransaction tx, string emailKey, string hash, CancellationToken cancellationToken) =>
        await tx.Contacts.FindByEmailKeyAsync(emailKey, cancellationToken) is not null
        || await tx.Suppression.FindAsync(hash, cancellationToken) is not null;

    /// <summary>Writes an entry with <paramref name="reason"/> unless one in force blocks as much already.</summary>
    /// <returns>Whether the entry was written.</returns>
    public static async ValueTask<bool> SuppressAsync(IOptinTransaction tx, string hash, string reason, Instant now, CancellationToken cancellationToken)
    {
        if (await tx.Suppression.FindAsync(hash, cancellationToken) is { } existing && existing.ExpiresAt > now
            && (string.Equals(existing.Reason, reason, StringComparison.Ordinal)
                || SuppressionReasons.Strength(existing.Reason) > SuppressionReasons.Strength(reason)))
        {
            return false;
        }

        await tx.Suppression.SaveAsync(new SuppressionEntry(hash, reason, now, now + Lifetime), cancellationToken);
        return true;
    }

    /// <summary>Adds one to the day's count of <paramref name="kind"/> (kept 400 days).</summary>
    public static ValueTask<long> CountAsync(IOptinTransaction tx, string kind, Instant now, CancellationToken cancellationToken) =>
        tx.Counters.IncrementAsync(CounterKey(kind, now.InUtc().Date), now, now + Duration.FromDays(400), cancellationToken);

    /// <summary>The counter of <paramref name="kind"/> for the UTC day <paramref name="day"/>.</summary>
    public static string CounterKey(string kind, LocalDate day) =>
        $"deliverability:{kind}:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
