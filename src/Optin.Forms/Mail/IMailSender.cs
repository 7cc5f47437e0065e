using MimeKit;

namespace Optin.Forms.Mail;

/// <summary>
/// The mail transport seam: hands one message to a transport (a pickup directory, an SMTP relay, memory).
/// </summary>
/// <remarks>
/// Returning normally means the transport accepted the message; only then is the job that sent it marked done
/// (invariant 4). A sender lets failures propagate: <see cref="MailDeliveryException"/> says whether retrying can
/// help; any other exception is treated as transient.
/// </remarks>
public interface IMailSender
{
    /// <summary>Sends <paramref name="message"/>; its Message-ID is already set and must be kept.</summary>
    /// <exception cref="MailDeliveryException">The transport refused the message, permanently or for now.</exception>
    ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
