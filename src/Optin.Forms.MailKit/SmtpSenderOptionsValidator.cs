using Microsoft.Extensions.Options;

namespace Optin.Forms.MailKit;

/// <summary>Checks <see cref="SmtpSenderOptions"/> at start and lists every problem with its configuration path.</summary>
internal sealed class SmtpSenderOptionsValidator : IValidateOptions<SmtpSenderOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.ReadProblems);
        var path = options.Path;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            problems.Add($"{path}:Host: the SMTP server's host name is required.");
        }

        if (options.Port is < 0 or > 65535)
        {
            problems.Add($"{path}:Port: {options.Port} is not a port; use 1 to 65535, or 0 for the usual port of the security mode.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            problems.Add($"{path}:Security: '{options.Security}' is not one of None, StartTls, SslOnConnect, Auto.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            problems.Add($"{path}:{(string.IsNullOrEmpty(options.UserName) ? "UserName" : "Password")}: UserName and Password go together; give both or neither.");
        }

        if (options.PoolSize is < 1 or > 64)
        {
            problems.Add($"{path}:PoolSize: {options.PoolSize} is out of range; use 1 to 64 connections.");
        }

        CheckPositive(options.ConnectTimeout, $"{path}:ConnectTimeout", problems);
        CheckPositive(options.CommandTimeout, $"{path}:CommandTimeout", problems);
        if (options.IdleCheckAfter < TimeSpan.Zero)
        {
            problems.Add($"{path}:IdleCheckAfter: the duration cannot be negative.");
        }

        ValidateDkim(options.Dkim, $"{path}:Dkim", problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckPositive(TimeSpan value, string path, List<string> problems)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            problems.Add($"{path}: the duration must be positive and under 24 days.");
        }
    }

    private static void ValidateDkim(SmtpDkimOptions dkim, string path, List<string> problems)
    {
        if (dkim is null || !dkim.IsEnabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(dkim.Domain))
        {
            problems.Add($"{path}:Domain: the signing domain is required when DKIM is configured.");
        }

        if (string.IsNullOrWhiteSpace(dkim.Selector))
        {
            problems.Add($"{path}:Selector: the selector is required when DKIM is configured.");
        }

        var hasPath = !string.IsNullOrWhiteSpace(dkim.PrivateKeyPath);
        var hasPem = !string.IsNullOrWhiteSpace(dkim.PrivateKeyPem);
        if (hasPath == hasPem)
        {
            problems.Add($"{path}:PrivateKeyPath: give exactly one of PrivateKeyPath and PrivateKeyPem.");
            return;
        }

        if (hasPath && !File.Exists(dkim.PrivateKeyPath))
        {
            problems.Add($"{path}:PrivateKeyPath: the file does not exist.");
            return;
        }

        if (!string.IsNullOrWhiteSpace(dkim.Domain) && !string.IsNullOrWhiteSpace(dkim.Selector) && !DkimMessageSigner.CanLoadKey(dkim))
        {
            problems.Add($"{path}:{(hasPath ? "PrivateKeyPath" : "PrivateKeyPem")}: not a readable RSA private key in PEM form.");
        }
    }
}
