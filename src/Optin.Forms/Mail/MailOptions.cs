namespace Optin.Forms.Mail;

/// <summary>Mail settings (<c>OptinForms:Mail</c>); <c>Mail:Smtp</c> belongs to the Optin.Forms.MailKit package.</summary>
public sealed class MailOptions
{
    /// <summary>The From mailbox of every message, for example <c>Atelier Dupont &lt;bonjour@atelier-dupont.example&gt;</c>; never the visitor's address.</summary>
    public string? From { get; set; }

    /// <summary>The sender. Default <see cref="MailSenderKind.Pickup"/>.</summary>
    public MailSenderKind Sender { get; set; } = MailSenderKind.Pickup;

    /// <summary>The pickup directory (<c>OptinForms:Mail:Pickup:Directory</c>). Default <c>App_Data/mail</c>.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>
    /// <c>Mail:Smtp:Host</c> as read from configuration, for the record of processing only (the MailKit package reads
    /// and validates <c>Mail:Smtp</c> itself).
    /// </summary>
    internal string? SmtpHost { get; set; }
}
