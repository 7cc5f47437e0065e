using MimeKit;

namespace Optin.Forms.Deliverability;

/// <summary>
/// Applies one delivery report read from a mailbox or posted to the bounce endpoint: a delivery status notification
/// (RFC 3464, <c>multipart/report; report-type=delivery-status</c>) or a complaint feedback report (ARF, RFC 5965).
/// </summary>
/// <remarks>
/// Applying the same report twice changes nothing the second time. An exception means the report could not be
/// applied now (for example the database is down): the caller keeps it and tries again later.
/// </remarks>
public interface IDeliveryReportProcessor
{
    /// <summary>Reads <paramref name="report"/> and applies what it says.</summary>
    /// <param name="report">The report message, as received.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done with the report.</returns>
    ValueTask<DeliveryReportOutcome> ApplyAsync(MimeMessage report, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IDeliveryReportProcessor.ApplyAsync"/> did with a report.</summary>
/// <param name="Status">Whether the report was applied, ignored or refused.</param>
/// <param name="Reason">Why a report was ignored or refused, for logs and the caller; never holds an address.</param>
public sealed record DeliveryReportOutcome(DeliveryReportStatus Status, string? Reason = null);

/// <summary>The result of applying one delivery report.</summary>
public enum DeliveryReportStatus
{
    /// <summary>The report was understood and applied (an address marked undeliverable, a complaint recorded, a transient failure counted).</summary>
    Applied,

    /// <summary>The report was understood but changed nothing: for example it is about an address we never mailed, or it was already applied.</summary>
    Ignored,

    /// <summary>The message is not a delivery report we can read (malformed, or another kind of message); nothing was changed.</summary>
    Refused,
}
