using MimeKit;
using MimeKit.Cryptography;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests;

public sealed class SmtpMailSenderDkimTests : IAsyncLifetime, IDisposable
{
    private readonly TestDkimKey _key = new();
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _key.Dispose();

    [Fact]
    [Trait("Requirement", "WD-1")]
    public async Task SendAsync_DkimKeyInConfiguration_SignatureVerifiesWithMimeKit()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.Dkim = new SmtpDkimOptions
        {
            Domain = "atelier-dupont.example",
            Selector = "optin2026",
            PrivateKeyPem = _key.PrivateKeyPkcs1Pem,
        }));
        var message = Some.Message();

        await sender.SendAsync(message, Some.Timeout());

        var received = Assert.Single(_server.Messages);
        var signature = Assert.Single(received.Headers, h => h.Id == HeaderId.DkimSignature);
        Assert.True(await new DkimVerifier(_key).VerifyAsync(received, signature, Some.Timeout()));
        Assert.Equal(("atelier-dupont.example", "optin2026"), Assert.Single(_key.Lookups));
        var tags = signature.Value.Split(';').Select(t => t.Trim().Split('=', 2)).ToDictionary(t => t[0], t => t[1].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("relaxed/relaxed", tags["c"]);
        Assert.Equal("rsa-sha256", tags["a"]);
        Assert.Equal("from:subject:date:message-id:list-unsubscribe:list-unsubscribe-post", tags["h"].ToLowerInvariant());
        Assert.Equal(message.MessageId, received.MessageId);
    }

    [Fact]
    public async Task SendAsync_DkimKeyFromFileAndMessageSentTwice_EachCopyCarriesOneValidSignature()
    {
        var path = Path.Combine(Path.GetTempPath(), $"optin-dkim-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, _key.PrivateKeyPkcs8Pem);
        try
        {
            await using var sender = Some.Sender(Some.Options(_server.Port, o => o.Dkim = new SmtpDkimOptions
            {
                Domain = "atelier-dupont.example",
                Selector = "optin2026",
                PrivateKeyPath = path,
            }));
            var message = Some.Message();
            message.Headers.Remove("List-Unsubscribe");
            message.Headers.Remove("List-Unsubscribe-Post");

            await sender.SendAsync(message, Some.Timeout());
            await sender.SendAsync(message, Some.Timeout());

            Assert.DoesNotContain(message.Headers, h => h.Id == HeaderId.DkimSignature);
            Assert.Equal(2, _server.Messages.Count);
            foreach (var received in _server.Messages)
            {
                var signature = Assert.Single(received.Headers, h => h.Id == HeaderId.DkimSignature);
                Assert.True(await new DkimVerifier(_key).VerifyAsync(received, signature, Some.Timeout()));
                Assert.Contains("h=From:Subject:Date:Message-ID;", signature.Value.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SendAsync_BodyTamperedAfterSigning_VerifierRejects()
    {
        await using var sender = Some.Sender(Some.Options(_server.Port, o => o.Dkim = new SmtpDkimOptions
        {
            Domain = "atelier-dupont.example",
            Selector = "optin2026",
            PrivateKeyPem = _key.PrivateKeyPkcs1Pem,
        }));
        await sender.SendAsync(Some.Message(), Some.Timeout());
        var received = Assert.Single(_server.Messages);

        received.Subject = "Autre sujet";

        var signature = Assert.Single(received.Headers, h => h.Id == HeaderId.DkimSignature);
        Assert.False(await new DkimVerifier(_key).VerifyAsync(received, signature, Some.Timeout()));
    }
}
