using System.Collections.Concurrent;
using MimeKit;
using Optin.Forms.Deliverability;

namespace Optin.Forms.MailKit.Tests.Imap;

/// <summary>
/// Stands in for the real report processor: the outcome is chosen by the message's subject (<c>applied</c>,
/// <c>ignored</c>, <c>refused</c>, <c>fails once</c>, <c>fails</c>), and every call is recorded by Message-ID. Applying is
/// idempotent, as the contract says: <see cref="Applied"/> keeps each report once, <see cref="Calls"/> every call.
/// </summary>
internal sealed class RecordingReportProcessor : IDeliveryReportProcessor
{
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<string> Applied { get; } = new();

    public ValueTask<DeliveryReportOutcome> ApplyAsync(MimeMessage report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report.MessageId ?? "(none)";
        Calls.Enqueue(id);
        switch (report.Subject)
        {
            case "fails":
                throw new InvalidOperationException("The store is down.");
            case "fails once" when _failures.AddOrUpdate(id, 1, (_, n) => n + 1) == 1:
                throw new TimeoutException("The store did not answer in time.");
            case "ignored":
                return ValueTask.FromResult(new DeliveryReportOutcome(DeliveryReportStatus.Ignored, "never mailed"));
            case "refused":
                return ValueTask.FromResult(new DeliveryReportOutcome(DeliveryReportStatus.Refused, "not a delivery report"));
            default:
                Applied.Enqueue(id);
                return ValueTask.FromResult(new DeliveryReportOutcome(DeliveryReportStatus.Applied));
        }
    }
}
