using MailKit.Security;
using Optin.Forms.Mail;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderSecurityTests
{
    [Fact]
    public async Task SendAsync_StartTlsWithAuthentication_Delivers()
    {
        await using var server = await SmtpTestServer.StartAsync(certificate: TestCertificate.Value, login: ("optin", "s3cret"));
        await using var sender = Some.Sender(Some.Options(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.UserName = "optin";
            o.Password = "s3cret";
            o.ServerCertificateValidationCallback = TestCertificate.Validate;
        }));
        var message = Some.Message();

        await sender.SendAsync(message, Some.Timeout());
        await sender.SendAsync(Some.Message(), Some.Timeout());

        Assert.Equal(2, server.Messages.Count);
        Assert.Contains(server.Messages, m => m.MessageId == message.MessageId);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task SendAsync_SslOnConnect_Delivers()
    {
        await using var server = await SmtpTestServer.StartAsync(certificate: TestCertificate.Value, implicitTls: true);
        await using var sender = Some.Sender(Some.Options(server.Port, o =>
        {
            o.Security = SmtpSecurity.SslOnConnect;
            o.ServerCertificateValidationCallback = TestCertificate.Validate;
        }));
        var message = Some.Message();

        await sender.SendAsync(message, Some.Timeout());

        Assert.Equal(message.MessageId, Assert.Single(server.Messages).MessageId);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_ThrowsTransientAndSendsNothing()
    {
        await using var server = await SmtpTestServer.StartAsync(certificate: TestCertificate.Value, login: ("optin", "s3cret"));
        await using var sender = Some.Sender(Some.Options(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.UserName = "optin";
            o.Password = "wrong";
            o.ServerCertificateValidationCallback = TestCertificate.Validate;
        }));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());

        Assert.False(error.IsPermanent);
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_UntrustedCertificate_ThrowsTransientAndSendsNothing()
    {
        await using var server = await SmtpTestServer.StartAsync(certificate: TestCertificate.Value);
        await using var sender = Some.Sender(Some.Options(server.Port, o => o.Security = SmtpSecurity.StartTls));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());

        Assert.False(error.IsPermanent);
        Assert.IsType<SslHandshakeException>(error.InnerException);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_ThrowsTransient()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var sender = Some.Sender(Some.Options(server.Port, o => o.Security = SmtpSecurity.StartTls));

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Some.Message(), Some.Timeout()).AsTask());

        Assert.False(error.IsPermanent);
        Assert.Empty(server.Messages);
    }
}
