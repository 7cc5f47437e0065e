using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace Optin.Forms.MailKit.Benchmarks;

/// <summary>
/// Messages through <see cref="SmtpMailSender"/> against a raw MailKit loop on one connection, both to the same
/// in-process SMTP server, one message after another as the job worker sends them.
/// </summary>
/// <remarks>
/// The baseline opens its socket as the sender does (TCP_NODELAY), so that the ratio measures what the sender adds
/// (pool, classification, logging); the raw loop on MailKit's default socket is shown for information.
/// </remarks>
[MemoryDiagnoser]
public class SmtpSendBenchmarks : IDisposable
{
    public const int MessagesPerInvoke = 200;

    private CountingSmtpServer _server = null!;
    private SmtpClient _raw = null!;
    private SmtpClient _rawNoDelay = null!;
    private SmtpMailSender _sender = null!;
    private MimeMessage[] _messages = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await CountingSmtpServer.StartAsync();
        _messages = Enumerable.Range(0, MessagesPerInvoke).Select(Message).ToArray();
        _raw = new SmtpClient();
        await _raw.ConnectAsync("127.0.0.1", _server.Port, SecureSocketOptions.None);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", _server.Port);
        _rawNoDelay = new SmtpClient();
        await _rawNoDelay.ConnectAsync(socket, "127.0.0.1", _server.Port, SecureSocketOptions.None);
        var options = new SmtpSenderOptions { Host = "127.0.0.1", Port = _server.Port, Security = SmtpSecurity.None };
        _sender = new SmtpMailSender(Options.Create(options), SystemClock.Instance, [], NullLogger<SmtpMailSender>.Instance);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _raw.DisconnectAsync(quit: true);
        _raw.Dispose();
        await _rawNoDelay.DisconnectAsync(quit: true);
        _rawNoDelay.Dispose();
        await _sender.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "raw MailKit, one connection, default socket")]
    public async Task RawMailKitLoop()
    {
        foreach (var message in _messages)
        {
            await _raw.SendAsync(message);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke, Description = "raw MailKit, one connection, TCP_NODELAY")]
    public async Task RawMailKitNoDelayLoop()
    {
        foreach (var message in _messages)
        {
            await _rawNoDelay.SendAsync(message);
        }
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "SmtpMailSender")]
    public async Task SmtpMailSenderLoop()
    {
        foreach (var message in _messages)
        {
            await _sender.SendAsync(message, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _raw?.Dispose();
        _rawNoDelay?.Dispose();
        _sender?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MimeMessage Message(int index)
    {
        var message = new MimeMessage
        {
            Subject = "Confirmez votre inscription",
            MessageId = $"{index}.{Guid.NewGuid():N}@atelier-dupont.example",
            Date = new DateTimeOffset(2026, 11, 12, 9, 30, 15, TimeSpan.Zero),
        };
        message.From.Add(new MailboxAddress("Atelier Dupont", "bonjour@atelier-dupont.example"));
        message.To.Add(new MailboxAddress(null, $"personne{index}@example.test"));
        message.Headers.Add("List-Unsubscribe", "<https://atelier-dupont.example/optin/unsubscribe/abc>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            TextBody = "Bonjour,\r\nconfirmez votre adresse : https://atelier-dupont.example/optin/confirm/abc\r\nÀ bientôt.",
            HtmlBody = "<p>Bonjour,</p><p><a href=\"https://atelier-dupont.example/optin/confirm/abc\">Confirmer</a></p>",
        }.ToMessageBody();
        return message;
    }
}
