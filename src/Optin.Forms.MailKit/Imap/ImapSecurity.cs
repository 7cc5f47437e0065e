namespace Optin.Forms.MailKit;

/// <summary>How the connection to the IMAP server is secured (<c>OptinForms:Deliverability:Imap:Security</c>).</summary>
public enum ImapSecurity
{
    /// <summary>No TLS at all: only for a server on the same machine or a trusted private network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 143).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 993).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 993, otherwise STARTTLS when the server offers it, else plain.</summary>
    Auto,
}
