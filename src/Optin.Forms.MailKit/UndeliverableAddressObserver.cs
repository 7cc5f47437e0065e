using Optin.Forms.Deliverability;

namespace Optin.Forms.MailKit;

/// <summary>
/// The built-in observer <c>UseSmtp()</c> registers: a permanent refusal of a recipient (5xx on RCPT, or on DATA for a
/// message to that one address) marks the address undeliverable, so no further mail goes to it until a new double
/// opt-in. The job itself dead-letters as before.
/// </summary>
internal sealed class UndeliverableAddressObserver(DeliverabilityService deliverability) : ISmtpDeliveryObserver
{
    public async ValueTask OnPermanentFailureAsync(SmtpPermanentFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Kind != SmtpRejectionKind.Sender && failure.Recipient is { Length: > 0 } recipient)
        {
            await deliverability.MarkUndeliverableAsync(recipient, failure.StatusCode, failure.MessageId, cancellationToken);
        }
    }
}
