using System.Security.Cryptography;
using MimeKit.Cryptography;

namespace Optin.Forms.MailKit.Tests.Support;

/// <summary>An RSA key made for the test, and a DNS stand-in that publishes its public half.</summary>
internal sealed class TestDkimKey : DkimPublicKeyLocatorBase, IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string PrivateKeyPkcs1Pem => _rsa.ExportRSAPrivateKeyPem();

    public string PrivateKeyPkcs8Pem => _rsa.ExportPkcs8PrivateKeyPem();

    /// <summary>The TXT record that would be published at <c>{selector}._domainkey.{domain}</c>.</summary>
    public string TxtRecord => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(_rsa.ExportSubjectPublicKeyInfo())}";

    public List<(string Domain, string Selector)> Lookups { get; } = [];

    public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        Lookups.Add((domain, selector));
        return GetPublicKey(TxtRecord);
    }

    public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));

    public void Dispose() => _rsa.Dispose();
}
