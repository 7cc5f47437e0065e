namespace Optin.Forms.Mail;

/// <summary>Which shipped sender <c>OptinForms:Mail:Sender</c> chooses.</summary>
public enum MailSenderKind
{
    /// <summary><c>.eml</c> files in a pickup directory (the default: no server needed).</summary>
    Pickup,

    /// <summary>SMTP through the Optin.Forms.MailKit package.</summary>
    Smtp,

    /// <summary>Kept in memory (tests).</summary>
    InMemory,
}
