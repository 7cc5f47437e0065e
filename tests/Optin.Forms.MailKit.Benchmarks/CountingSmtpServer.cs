using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Optin.Forms.MailKit.Benchmarks;

/// <summary>The in-process SMTP server (SmtpServer package) on 127.0.0.1, counting what it accepts.</summary>
internal sealed class CountingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private long _accepted;

    public int Port { get; private set; }

    public long Accepted => Interlocked.Read(ref _accepted);

    public static async Task<CountingSmtpServer> StartAsync()
    {
        var server = new CountingSmtpServer();
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            server.Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(server));
        services.Add(new NoDelayEndpointListenerFactory());
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port, deadline.Token);
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

    private sealed class Store(CountingSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref server._accepted);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
