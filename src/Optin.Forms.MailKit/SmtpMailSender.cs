using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Optin.Forms.Mail;

namespace Optin.Forms.MailKit;

/// <summary>
/// Sends through an SMTP relay with MailKit, over a small pool of authenticated connections, and classifies what
/// goes wrong so that the job queue retries only what a retry can fix.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A 5xx refusal (unknown recipient, refused sender, refused message) throws a permanent
/// <see cref="MailDeliveryException"/> after every <see cref="ISmtpDeliveryObserver"/> has heard of it.</item>
/// <item>A 4xx refusal, a network failure, a timeout, a TLS or authentication failure, or a broken protocol state
/// throws a transient one; the connection is dropped and the next message opens a fresh one.</item>
/// <item>Cancellation by the caller throws <see cref="OperationCanceledException"/> and drops the connection.</item>
/// </list>
/// The message's Message-ID is never changed. With DKIM configured the message is signed for the send and the
/// signature removed afterwards, so a retry of the same message is signed afresh. Logs carry the Message-ID and status
/// codes, never an address (SEC-8); for the same reason the server's reply text (which may quote the address) is not
/// attached to the exceptions.
/// </remarks>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable, IDisposable
{
    private readonly SmtpConnectionPool _pool;
    private readonly DkimMessageSigner? _dkim;
    private readonly ISmtpDeliveryObserver[] _observers;
    private readonly ILogger _logger;

    /// <summary>Creates the sender; normally done by the container after <c>UseSmtp()</c>.</summary>
    public SmtpMailSender(IOptions<SmtpSenderOptions> options, IClock clock, IEnumerable<ISmtpDeliveryObserver> observers, ILogger<SmtpMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        _pool = new SmtpConnectionPool(settings, clock);
        _dkim = settings.Dkim is { IsEnabled: true } dkim ? new DkimMessageSigner(dkim) : null;
        _observers = observers.ToArray();
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="MailDeliveryException">The server refused the message (see <see cref="MailDeliveryException.IsPermanent"/>) or could not be reached.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var signature = _dkim?.Sign(message);
        try
        {
            await SendCoreAsync(message, cancellationToken);
        }
        finally
        {
            if (signature is not null)
            {
                message.Headers.Remove(signature);
            }
        }
    }

    /// <summary>Closes the pooled connections, saying QUIT.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _pool.Dispose();

    private async ValueTask SendCoreAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        SmtpConnectionPool.Lease lease;
        try
        {
            lease = await _pool.RentAsync(cancellationToken);
        }
        catch (Exception e) when (!IsCallerCancellation(e, cancellationToken))
        {
            throw Transient(message.MessageId, e);
        }

        Exception? failure = null;
        var reusable = false;
        try
        {
            await lease.Client.SendAsync(message, cancellationToken);
            reusable = true;
        }
        catch (SmtpCommandException e)
        {
            // MailKit resets the transaction after a refused command; 421 means the server is closing the channel.
            failure = e;
            reusable = e.StatusCode != SmtpStatusCode.ServiceNotAvailable && lease.Client.IsConnected;
        }
        catch (Exception e) when (!IsCallerCancellation(e, cancellationToken))
        {
            failure = e;
        }
        finally
        {
            _pool.Return(lease, reusable);
        }

        if (failure is null)
        {
            SmtpMetrics.Sent.Add(1);
            SmtpLog.Accepted(_logger, message.MessageId);
            return;
        }

        if (failure is SmtpCommandException { StatusCode: var status } refused && (int)status is >= 500 and < 600)
        {
            throw await PermanentAsync(message, refused, cancellationToken);
        }

        throw Transient(message.MessageId, failure);
    }

    private async ValueTask<MailDeliveryException> PermanentAsync(MimeMessage message, SmtpCommandException refused, CancellationToken cancellationToken)
    {
        var messageId = message.MessageId;
        var code = (int)refused.StatusCode;
        var kind = refused.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => SmtpRejectionKind.Recipient,
            SmtpErrorCode.SenderNotAccepted => SmtpRejectionKind.Sender,
            _ => SmtpRejectionKind.Message,
        };
        SmtpMetrics.Failed.Add(1, new KeyValuePair<string, object?>(SmtpMetrics.FailureTag, "permanent"));
        SmtpLog.RefusedPermanently(_logger, messageId, code, kind);
        // A message refused after DATA is refused for its recipients: with only one, the refusal is about that address.
        var recipient = kind switch
        {
            SmtpRejectionKind.Recipient => refused.Mailbox?.Address,
            SmtpRejectionKind.Message => OnlyRecipient(message),
            _ => null,
        };
        var failure = new SmtpPermanentFailure(messageId, code, kind, recipient);
        foreach (var observer in _observers)
        {
            await observer.OnPermanentFailureAsync(failure, cancellationToken);
        }

        return new MailDeliveryException($"The SMTP server refused message {messageId} permanently: {code} ({kind}).", isPermanent: true, code);
    }

    private MailDeliveryException Transient(string? messageId, Exception failure)
    {
        SmtpMetrics.Failed.Add(1, new KeyValuePair<string, object?>(SmtpMetrics.FailureTag, "transient"));
        if (failure is SmtpCommandException refused)
        {
            var code = (int)refused.StatusCode;
            SmtpLog.RefusedTemporarily(_logger, messageId, code);
            return new MailDeliveryException($"The SMTP server refused message {messageId} for now: {code} ({refused.ErrorCode}).", isPermanent: false, code);
        }

        SmtpLog.TransportFailed(_logger, messageId, failure.GetType().Name, failure.Message);
        return new MailDeliveryException($"Message {messageId} could not be handed to the SMTP server: {failure.GetType().Name}.", isPermanent: false, innerException: failure);
    }

    private static string? OnlyRecipient(MimeMessage message)
    {
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => m.Address).Distinct(StringComparer.OrdinalIgnoreCase).Take(2).ToList();
        return recipients.Count == 1 ? recipients[0] : null;
    }

    private static bool IsCallerCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
