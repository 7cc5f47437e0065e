using System.Net;
using System.Net.Sockets;
using Optin.Forms.Mail;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderTimeoutTests
{
    [Fact]
    public async Task SendAsync_ServerNeverGreets_TransientAfterTheConnectTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var sender = Some.Sender(Some.Options(port, o => o.ConnectTimeout = TimeSpan.FromMilliseconds(500)));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());

        Assert.False(error.IsPermanent);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    [Trait("Invariant", "4")]
    public async Task SendAsync_ServerStallsAfterTheData_TransientAfterTheCommandTimeoutThenDeliversOnFreshConnection()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var sender = Some.Sender(Some.Options(server.Port, o => o.CommandTimeout = TimeSpan.FromSeconds(1.5)));
        server.StallNextData = TimeSpan.FromSeconds(6);
        var message = Some.Message();

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(message, Some.Timeout()).AsTask());
        await sender.SendAsync(message, Some.Timeout());

        Assert.False(error.IsPermanent);
        Assert.Equal(message.MessageId, Assert.Single(server.Messages).MessageId);
        Assert.Equal(2, server.Sessions);
    }
}
