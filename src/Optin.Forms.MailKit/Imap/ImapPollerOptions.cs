using System.Net.Security;

namespace Optin.Forms.MailKit;

/// <summary>
/// Settings of the IMAP mailbox poller that reads bounce and complaint reports, read from
/// <c>OptinForms:Deliverability:Imap</c> or set in C#.
/// </summary>
public sealed class ImapPollerOptions
{
    /// <summary>The configuration path of these options, used in validation messages.</summary>
    public const string SectionPath = "OptinForms:Deliverability:Imap";

    /// <summary>The IMAP server's host name or address (required).</summary>
    public string? Host { get; set; }

    /// <summary>The port; 0 (the default) means the usual one: 993 for <see cref="ImapSecurity.SslOnConnect"/>, else 143.</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured; <see cref="ImapSecurity.Auto"/> by default.</summary>
    public ImapSecurity Security { get; set; } = ImapSecurity.Auto;

    /// <summary>The user name of the mailbox (required).</summary>
    public string? UserName { get; set; }

    /// <summary>The password (required). Keep it in a secret store, not in appsettings.</summary>
    public string? Password { get; set; }

    /// <summary>The folder the reports arrive in (default <c>INBOX</c>); its unseen messages are read.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>
    /// The folder applied and ignored reports are moved to; created when missing. When empty, or when the server cannot
    /// move messages, they stay where they are, flagged <c>\Seen</c> and <c>$OptinProcessed</c>.
    /// </summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>
    /// The folder refused messages (not a report we can read) are moved to; created when missing. When empty, or when
    /// the server cannot move messages, they stay where they are, flagged <c>\Seen</c> and <c>$OptinRefused</c>.
    /// </summary>
    public string? RefusedFolder { get; set; }

    /// <summary>How long to wait between two polls (default 5 minutes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest time to connect, secure and authenticate (default 30 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for each reply of the server (default 60 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Validates the server's certificate instead of the system's rules (C# only; for a private certificate
    /// authority or tests). <see langword="null"/> keeps the system's validation.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidationCallback { get; set; }

    /// <summary>The configuration path these options were read from.</summary>
    internal string Path { get; set; } = SectionPath;

    /// <summary>Problems found while reading configuration (wrong types, unknown keys), reported by validation.</summary>
    internal List<string> ReadProblems { get; } = [];
}
