using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Optin.Forms.MailKit.Tests.Support;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1, recording messages and answering on demand.</summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Replies to the next DATA commands, in order (for example 451, then nothing: accept).</summary>
    public ConcurrentQueue<int> NextDataReplies { get; } = new();

    /// <summary>How long the server stays silent after the next message's data before refusing it with 451.</summary>
    public TimeSpan? StallNextData { get; set; }

    /// <summary>Recipients refused at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many distinct SMTP sessions have started a mail transaction.</summary>
    public int Sessions => _sessions.Count;

    private readonly ConcurrentDictionary<ISessionContext, bool> _sessions = new(ReferenceEqualityComparer.Instance);

    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static Task<SmtpTestServer> StartAsync(int? port = null, X509Certificate2? certificate = null, (string User, string Password)? login = null, bool implicitTls = false)
    {
        var server = new SmtpTestServer(port ?? FreePort());
        return server.RunAsync(certificate, login, implicitTls);
    }

    private async Task<SmtpTestServer> RunAsync(X509Certificate2? certificate, (string User, string Password)? login, bool implicitTls)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate).IsSecure(implicitTls);
                }

                if (login is not null)
                {
                    endpoint.AuthenticationRequired(true).AllowUnsecureAuthentication(certificate is null);
                }
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (login is { } credentials)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == credentials.User && password == credentials.Password));
        }

        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync();
        return this;
    }

    private async Task WaitUntilListeningAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
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

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.StallNextData is { } stall)
            {
                server.StallNextData = null;
                await Task.Delay(stall, cancellationToken);
                return new SmtpResponse((SmtpReplyCode)451, "too late");
            }

            if (server.NextDataReplies.TryDequeue(out var code))
            {
                return new SmtpResponse((SmtpReplyCode)code, $"refused by the test for {transaction.To[0].User}@{transaction.To[0].Host}");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            server._sessions.TryAdd(context, true);
            return Task.FromResult(true);
        }

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!server.RefusedRecipients.ContainsKey($"{to.User}@{to.Host}"));
    }
}
