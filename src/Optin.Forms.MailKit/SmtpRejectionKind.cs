namespace Optin.Forms.MailKit;

/// <summary>What the SMTP server refused permanently.</summary>
public enum SmtpRejectionKind
{
    /// <summary>The recipient (RCPT TO), for example 550 unknown user: the address is undeliverable.</summary>
    Recipient,

    /// <summary>The sender (MAIL FROM): a configuration problem of the site, not of the address.</summary>
    Sender,

    /// <summary>The message itself (DATA), for example too large or judged as spam.</summary>
    Message,
}
