namespace Optin.Forms.MailKit;

/// <summary>How the connection to the SMTP server is secured (<c>OptinForms:Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>No TLS at all: only for a relay on the same machine or a trusted private network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it, else plain.</summary>
    Auto,
}
