using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Optin.Forms.MailKit;

/// <summary>Opens one connection: connect, greet (EHLO), secure and authenticate within the connect timeout.</summary>
internal static class SmtpConnector
{
    public static async ValueTask<SmtpClient> ConnectAsync(SmtpSenderOptions options, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)options.CommandTimeout.TotalMilliseconds };
        if (!string.IsNullOrWhiteSpace(options.LocalDomain))
        {
            client.LocalDomain = options.LocalDomain;
        }

        if (options.ServerCertificateValidationCallback is { } callback)
        {
            client.ServerCertificateValidationCallback = callback;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var host = options.Host ?? throw new InvalidOperationException("The SMTP host is not configured.");
            var port = options.Port != 0 ? options.Port : options.Security == SmtpSecurity.SslOnConnect ? 465 : 25;
            await client.ConnectAsync(await OpenSocketAsync(host, port, timeout.Token), host, port, ToSocketOptions(options.Security), timeout.Token);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, timeout.Token);
            }

            return client;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException($"Connecting to the SMTP server took longer than {options.ConnectTimeout}.", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the TCP connection with Nagle's algorithm off: SMTP is a dialogue of short lines, and the last segment of
    /// each message would otherwise wait for the server's delayed acknowledgement (about 40 ms per message).
    /// </summary>
    private static async Task<Socket> OpenSocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
