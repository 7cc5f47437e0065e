namespace Optin.Forms.MailKit;

/// <summary>DKIM signing settings (<c>OptinForms:Mail:Smtp:Dkim</c>); signing is on when <see cref="Domain"/> is set.</summary>
/// <remarks>
/// Messages are signed with RSA-SHA256, relaxed/relaxed canonicalisation, over From, Subject, Date, Message-ID,
/// List-Unsubscribe and List-Unsubscribe-Post (those present): the headers the Gmail and Yahoo bulk sender rules look
/// at. Publish the public key as a TXT record at <c>{Selector}._domainkey.{Domain}</c>.
/// </remarks>
public sealed class SmtpDkimOptions
{
    /// <summary>The signing domain (<c>d=</c>), normally the domain of the From address.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (<c>s=</c>) under which the public key is published.</summary>
    public string? Selector { get; set; }

    /// <summary>A PEM file holding the RSA private key (PKCS#1 or PKCS#8); exclusive with <see cref="PrivateKeyPem"/>.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The RSA private key as PEM text, for secret stores; exclusive with <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Whether any DKIM setting was given, which turns signing on (and validation of all of them).</summary>
    public bool IsEnabled =>
        !string.IsNullOrEmpty(Domain) || !string.IsNullOrEmpty(Selector) ||
        !string.IsNullOrEmpty(PrivateKeyPath) || !string.IsNullOrEmpty(PrivateKeyPem);
}
