using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 that records messages, refuses chosen recipients at RCPT TO
/// with 550, and answers the next DATA commands with chosen codes (for example 554).
/// </summary>
internal sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private RefusingSmtpServer(int port) => Port = port;

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public ConcurrentQueue<int> NextDataReplies { get; } = new();

    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<RefusingSmtpServer> StartAsync()
    {
        int port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        var server = new RefusingSmtpServer(port);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(server));
        services.Add(new Filter(server));
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(RefusingSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.NextDataReplies.TryDequeue(out var code))
            {
                return new SmtpResponse((SmtpReplyCode)code, "5.7.1 message refused by the test");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(RefusingSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.RefusedRecipients.ContainsKey($"{to.User}@{to.Host}"));
    }
}
