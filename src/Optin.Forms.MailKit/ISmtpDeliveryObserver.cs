namespace Optin.Forms.MailKit;

/// <summary>
/// Hears about permanent refusals, so that the host or the job runner can mark the address undeliverable and stop
/// mailing it. Register implementations with <c>AddSmtpDeliveryObserver&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// Observers run before <see cref="SmtpMailSender.SendAsync"/> throws its permanent
/// <see cref="Optin.Forms.Mail.MailDeliveryException"/>. An observer that throws makes the failure transient: the
/// job is retried, the server refuses again and the observer is called again, so nothing is lost.
/// </remarks>
public interface ISmtpDeliveryObserver
{
    /// <summary>Called once per permanent refusal.</summary>
    ValueTask OnPermanentFailureAsync(SmtpPermanentFailure failure, CancellationToken cancellationToken);
}
