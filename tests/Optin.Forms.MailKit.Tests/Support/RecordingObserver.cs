using System.Collections.Concurrent;

namespace Optin.Forms.MailKit.Tests.Support;

/// <summary>Records the permanent refusals it hears of.</summary>
internal sealed class RecordingObserver : ISmtpDeliveryObserver
{
    public ConcurrentQueue<SmtpPermanentFailure> Failures { get; } = new();

    public ValueTask OnPermanentFailureAsync(SmtpPermanentFailure failure, CancellationToken cancellationToken)
    {
        Failures.Enqueue(failure);
        return ValueTask.CompletedTask;
    }
}
