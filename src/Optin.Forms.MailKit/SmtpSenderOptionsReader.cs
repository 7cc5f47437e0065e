using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reads <c>OptinForms:Mail:Smtp</c> into <see cref="SmtpSenderOptions"/>, recording wrong types and unknown keys with
/// their paths instead of throwing on the first one, so that start-time validation lists every problem.
/// </summary>
internal static class SmtpSenderOptionsReader
{
    private static readonly string[] Keys =
        ["Host", "Port", "Security", "UserName", "Password", "LocalDomain", "PoolSize", "ConnectTimeout", "CommandTimeout", "IdleCheckAfter", "Dkim"];

    private static readonly string[] DkimKeys = ["Domain", "Selector", "PrivateKeyPath", "PrivateKeyPem"];

    public static void Read(IConfigurationSection section, SmtpSenderOptions options)
    {
        options.Path = section.Path;
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                options.ReadProblems.Add($"{child.Path}: unknown key '{child.Key}'; expected one of: {string.Join(", ", Keys)}");
            }
        }

        options.Host = section["Host"] ?? options.Host;
        options.UserName = section["UserName"] ?? options.UserName;
        options.Password = section["Password"] ?? options.Password;
        options.LocalDomain = section["LocalDomain"] ?? options.LocalDomain;
        options.Port = ReadInt(section, "Port", options.Port, options.ReadProblems);
        options.PoolSize = ReadInt(section, "PoolSize", options.PoolSize, options.ReadProblems);
        options.ConnectTimeout = ReadTimeSpan(section, "ConnectTimeout", options.ConnectTimeout, options.ReadProblems);
        options.CommandTimeout = ReadTimeSpan(section, "CommandTimeout", options.CommandTimeout, options.ReadProblems);
        options.IdleCheckAfter = ReadTimeSpan(section, "IdleCheckAfter", options.IdleCheckAfter, options.ReadProblems);
        if (section["Security"] is { } security)
        {
            if (Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(security, out _))
            {
                options.Security = parsed;
            }
            else
            {
                options.ReadProblems.Add($"{section.Path}:Security: '{security}' is not one of None, StartTls, SslOnConnect, Auto.");
            }
        }

        var dkim = section.GetSection("Dkim");
        foreach (var child in dkim.GetChildren())
        {
            if (!DkimKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                options.ReadProblems.Add($"{child.Path}: unknown key '{child.Key}'; expected one of: {string.Join(", ", DkimKeys)}");
            }
        }

        options.Dkim.Domain = dkim["Domain"] ?? options.Dkim.Domain;
        options.Dkim.Selector = dkim["Selector"] ?? options.Dkim.Selector;
        options.Dkim.PrivateKeyPath = dkim["PrivateKeyPath"] ?? options.Dkim.PrivateKeyPath;
        options.Dkim.PrivateKeyPem = dkim["PrivateKeyPem"] ?? options.Dkim.PrivateKeyPem;
    }

    private static int ReadInt(IConfigurationSection section, string key, int current, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{section.Path}:{key}: '{text}' is not a whole number.");
        return current;
    }

    private static TimeSpan ReadTimeSpan(IConfigurationSection section, string key, TimeSpan current, List<string> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{section.Path}:{key}: '{text}' is not a duration such as 00:00:30.");
        return current;
    }
}
