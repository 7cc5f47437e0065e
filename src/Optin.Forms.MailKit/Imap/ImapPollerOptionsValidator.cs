using Microsoft.Extensions.Options;

namespace Optin.Forms.MailKit;

/// <summary>Checks <see cref="ImapPollerOptions"/> at start and lists every problem with its configuration path.</summary>
internal sealed class ImapPollerOptionsValidator : IValidateOptions<ImapPollerOptions>
{
    public ValidateOptionsResult Validate(string? name, ImapPollerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.ReadProblems);
        var path = options.Path;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            problems.Add($"{path}:Host: the IMAP server's host name is required to read bounce and complaint reports.");
        }

        if (options.Port is < 0 or > 65535)
        {
            problems.Add($"{path}:Port: {options.Port} is not a port; use 1 to 65535, or 0 for the usual port of the security mode.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            problems.Add($"{path}:Security: '{options.Security}' is not one of None, StartTls, SslOnConnect, Auto.");
        }

        if (string.IsNullOrEmpty(options.UserName))
        {
            problems.Add($"{path}:UserName: the mailbox's user name is required.");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            problems.Add($"{path}:Password: the mailbox's password is required; keep it in user-secrets or an environment variable.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            problems.Add($"{path}:Folder: the folder the reports arrive in cannot be empty; leave the key out for INBOX.");
        }
        else
        {
            CheckNotSource(options.ProcessedFolder, options.Folder, $"{path}:ProcessedFolder", problems);
            CheckNotSource(options.RefusedFolder, options.Folder, $"{path}:RefusedFolder", problems);
        }

        CheckPositive(options.PollInterval, $"{path}:PollInterval", problems);
        CheckPositive(options.ConnectTimeout, $"{path}:ConnectTimeout", problems);
        CheckPositive(options.CommandTimeout, $"{path}:CommandTimeout", problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckNotSource(string? target, string source, string path, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(target) && SameFolder(target, source))
        {
            problems.Add($"{path}: '{target}' is the folder the reports are read from; name another folder, or leave the key out to flag the messages instead.");
        }
    }

    /// <summary>Folder names compare exactly, except INBOX, which IMAP compares without case.</summary>
    internal static bool SameFolder(string a, string b) =>
        string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal)
        || (string.Equals(a.Trim(), "INBOX", StringComparison.OrdinalIgnoreCase) && string.Equals(b.Trim(), "INBOX", StringComparison.OrdinalIgnoreCase));

    private static void CheckPositive(TimeSpan value, string path, List<string> problems)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            problems.Add($"{path}: the duration must be positive and under 24 days.");
        }
    }
}
