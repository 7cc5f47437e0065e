using System.Globalization;
using Microsoft.Extensions.Configuration;
using Optin.Forms.Templates;

namespace Optin.Forms.MailKit;

/// <summary>
/// What the SMTP and IMAP options readers share: unknown keys with the closest known one, whole numbers, durations and
/// enum names, each wrong value recorded with its path and the current value kept.
/// </summary>
internal static class MailOptionsReading
{
    /// <summary>Records every key of <paramref name="section"/> that is not in <paramref name="keys"/>, with the closest known one.</summary>
    public static void UnknownKeys(IConfigurationSection section, string[] keys, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (!keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path}: unknown key '{child.Key}'{ClosestName.Hint(child.Key, keys)}; expected one of: {string.Join(", ", keys)}");
            }
        }
    }

    public static int ReadInt(IConfigurationSection section, string key, int current, List<string> problems)
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

    /// <summary>A duration; <paramref name="example"/> is shown when the text is not one (for example <c>00:00:30</c>).</summary>
    public static TimeSpan ReadTimeSpan(IConfigurationSection section, string key, TimeSpan current, List<string> problems, string example)
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

        problems.Add($"{section.Path}:{key}: '{text}' is not a duration such as {example}.");
        return current;
    }

    /// <summary>One of the enum's names, case ignored; numbers are refused (a number would pick a member by position).</summary>
    public static TEnum ReadEnum<TEnum>(IConfigurationSection section, string key, TEnum current, List<string> problems)
        where TEnum : struct, Enum
    {
        var text = section[key];
        if (text is null)
        {
            return current;
        }

        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            return parsed;
        }

        problems.Add($"{section.Path}:{key}: '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return current;
    }
}
