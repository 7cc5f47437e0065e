using System.Net.Security;

namespace Optin.Forms.MailKit;

/// <summary>Settings of the SMTP sender, read from <c>OptinForms:Mail:Smtp</c> or set in C#.</summary>
public sealed class SmtpSenderOptions
{
    /// <summary>The configuration path of these options, used in validation messages.</summary>
    public const string SectionPath = "OptinForms:Mail:Smtp";

    /// <summary>The SMTP server's host name or address (required).</summary>
    public string? Host { get; set; }

    /// <summary>The port; 0 (the default) means the usual one: 465 for <see cref="SmtpSecurity.SslOnConnect"/>, else 25.</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured; <see cref="SmtpSecurity.Auto"/> by default.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The user name to authenticate with; no authentication when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>The password, required with <see cref="UserName"/>. Keep it in a secret store, not in appsettings.</summary>
    public string? Password { get; set; }

    /// <summary>The name sent in EHLO; the machine's name when empty.</summary>
    public string? LocalDomain { get; set; }

    /// <summary>How many connections are kept open and used at once (default 2).</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>The longest time to connect, secure and authenticate a connection (default 30 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for each reply of the server (default 60 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A pooled connection idle for longer than this is checked with NOOP before use and replaced if the server has
    /// dropped it (default 30 s); <see cref="TimeSpan.Zero"/> checks before every message.
    /// </summary>
    public TimeSpan IdleCheckAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>DKIM signing; off unless its <see cref="SmtpDkimOptions.Domain"/> is set.</summary>
    public SmtpDkimOptions Dkim { get; set; } = new();

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
