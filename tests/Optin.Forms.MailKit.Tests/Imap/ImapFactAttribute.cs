namespace Optin.Forms.MailKit.Tests.Imap;

/// <summary>
/// A test that needs the IMAP server named by <c>OPTIN_TEST_IMAP</c> (<c>Host=…;Port=…;User=…;Password=…</c>;
/// .ci/services/dovecot.sh starts a Dovecot on 127.0.0.1): reported as skipped, with the reason, without it, except in
/// CI, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ImapFactAttribute : FactAttribute
{
    public const string Variable = "OPTIN_TEST_IMAP";

    public ImapFactAttribute()
    {
        if (Raw is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"IMAP tests need {Variable} ('Host=127.0.0.1;Port=…;User=…;Password=…', a real IMAP server; .ci/services/dovecot.sh starts Dovecot).";
        }
    }

    public static string? Raw => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The server's settings; throws, naming the variable, when it is missing or incomplete.</summary>
    public static (string Host, int Port, string User, string Password) Server
    {
        get
        {
            var raw = Raw ?? throw new InvalidOperationException($"{Variable} is not set; run .ci/services/dovecot.sh.");
            var parts = raw.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
            string Get(string key) => parts.TryGetValue(key, out var value) && value.Length > 0
                ? value
                : throw new InvalidOperationException($"{Variable} lacks {key}=…");
            return (Get("Host"), int.Parse(Get("Port"), System.Globalization.CultureInfo.InvariantCulture), Get("User"), Get("Password"));
        }
    }
}
