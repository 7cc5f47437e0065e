using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Optin.Forms.MailKit;

/// <summary>
/// Reads <c>OptinForms:Deliverability:Imap</c> into <see cref="ImapPollerOptions"/>, recording wrong types and unknown
/// keys with their paths (and the closest known key) instead of throwing on the first one, so that start-time
/// validation lists every problem.
/// </summary>
internal static class ImapPollerOptionsReader
{
    internal static readonly string[] Keys =
        ["Host", "Port", "Security", "UserName", "Password", "Folder", "ProcessedFolder", "RefusedFolder", "PollInterval", "ConnectTimeout", "CommandTimeout"];

    public static void Read(IConfigurationSection section, ImapPollerOptions options)
    {
        options.Path = section.Path;
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var closest = Closest(child.Key, Keys);
                options.ReadProblems.Add($"{child.Path}: unknown key '{child.Key}'{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}; expected one of: {string.Join(", ", Keys)}");
            }
        }

        options.Host = section["Host"] ?? options.Host;
        options.UserName = section["UserName"] ?? options.UserName;
        options.Password = section["Password"] ?? options.Password;
        options.Folder = section["Folder"] ?? options.Folder;
        options.ProcessedFolder = section["ProcessedFolder"] ?? options.ProcessedFolder;
        options.RefusedFolder = section["RefusedFolder"] ?? options.RefusedFolder;
        if (section["Port"] is { } port)
        {
            if (int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                options.Port = value;
            }
            else
            {
                options.ReadProblems.Add($"{section.Path}:Port: '{port}' is not a whole number.");
            }
        }

        options.PollInterval = ReadTimeSpan(section, "PollInterval", options.PollInterval, options.ReadProblems);
        options.ConnectTimeout = ReadTimeSpan(section, "ConnectTimeout", options.ConnectTimeout, options.ReadProblems);
        options.CommandTimeout = ReadTimeSpan(section, "CommandTimeout", options.CommandTimeout, options.ReadProblems);
        if (section["Security"] is { } security)
        {
            if (Enum.TryParse<ImapSecurity>(security, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(security, out _))
            {
                options.Security = parsed;
            }
            else
            {
                options.ReadProblems.Add($"{section.Path}:Security: '{security}' is not one of None, StartTls, SslOnConnect, Auto.");
            }
        }
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

        problems.Add($"{section.Path}:{key}: '{text}' is not a duration such as 00:05:00.");
        return current;
    }

    /// <summary>The known key within a third of the name's length in edits (case ignored), or null.</summary>
    private static string? Closest(string name, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (Name: c, Distance: Distance(name.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(c => c.Distance).First();
        return best.Distance <= Math.Max(1, name.Length / 3) ? best.Name : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
