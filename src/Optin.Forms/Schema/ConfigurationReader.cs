using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Optin.Forms.Schema;

/// <summary>
/// Reads typed values from configuration sections and records every unknown key and wrong type with its path,
/// instead of stopping at the first (CFG-1).
/// </summary>
internal sealed class ConfigurationReader(List<ConfigurationProblem> problems)
{
    public List<ConfigurationProblem> Problems { get; } = problems;

    public void Report(string path, string code, string message) => Problems.Add(new(path, code, message));

    /// <summary>Reports every child of <paramref name="section"/> whose key is not in <paramref name="known"/>.</summary>
    public void CheckKeys(IConfigurationSection section, params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Report(child.Path, ConfigurationCodes.UnknownKey,
                    $"unknown key '{child.Key}'; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public string? String(IConfigurationSection parent, string key)
    {
        var section = parent.GetSection(key);
        // An empty text beside keys is a layered configuration's JSON {} or [] under another layer's keys: a section.
        if (string.IsNullOrEmpty(section.Value) && section.GetChildren().Any())
        {
            Report(section.Path, ConfigurationCodes.WrongType, "expected a text value, found a section");
            return null;
        }

        return section.Value;
    }

    public bool? Bool(IConfigurationSection parent, string key)
    {
        var text = String(parent, key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        Report(parent.GetSection(key).Path, ConfigurationCodes.WrongType, $"expected true or false, found '{text}'");
        return null;
    }

    public int? Int(IConfigurationSection parent, string key)
    {
        var text = String(parent, key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(parent.GetSection(key).Path, ConfigurationCodes.WrongType, $"expected a whole number, found '{text}'");
        return null;
    }

    public TimeSpan? Duration(IConfigurationSection parent, string key)
    {
        var text = String(parent, key);
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(parent.GetSection(key).Path, ConfigurationCodes.WrongType,
            $"expected a duration such as 3.00:00:00 (days.hours:minutes:seconds), found '{text}'");
        return null;
    }

    public TEnum? Enum<TEnum>(IConfigurationSection parent, string key)
        where TEnum : struct, Enum
    {
        var text = String(parent, key);
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!trimmed.All(char.IsAsciiDigit) && System.Enum.TryParse<TEnum>(trimmed, ignoreCase: true, out var value)
            && System.Enum.IsDefined(value))
        {
            return value;
        }

        Report(parent.GetSection(key).Path, ConfigurationCodes.WrongType,
            $"expected one of {string.Join(", ", System.Enum.GetNames<TEnum>())}, found '{text}'");
        return null;
    }

    /// <summary>
    /// Reads a text that is either one string (for every culture) or an object of culture → string.
    /// </summary>
    public void Localized(IConfigurationSection parent, string key, Dictionary<string, string> target)
    {
        var section = parent.GetSection(key);
        if (section.Value is not null)
        {
            target[LocalizedText.AnyCulture] = section.Value;
        }

        foreach (var child in section.GetChildren())
        {
            if (child.Value is null)
            {
                Report(child.Path, ConfigurationCodes.WrongType, "expected a text value, found a section");
                continue;
            }

            if (!IsCultureName(child.Key))
            {
                Report(child.Path, ConfigurationCodes.UnknownKey, $"'{child.Key}' is not a culture name such as fr or en-GB");
                continue;
            }

            target[child.Key] = child.Value;
        }
    }

    /// <summary>The list of texts under <paramref name="key"/>; see <see cref="TextList(IConfigurationSection, string)"/>.</summary>
    public List<string>? StringList(IConfigurationSection parent, string key) => TextList(parent.GetSection(key));

    /// <summary>
    /// A list of texts: the section's items in index order, or its one text. The JSON provider gives <c>[]</c> as an empty
    /// text, so an empty text is an empty list; when one layer of the configuration gives that empty text and another the
    /// items, the items count. <see langword="null"/> when the section is absent. An item that is a section is reported as
    /// not being <paramref name="expected"/>.
    /// </summary>
    public List<string>? TextList(IConfigurationSection section, string expected = "a text value")
    {
        var items = Items(section).ToList();
        if (items.Count == 0)
        {
            return section.Value switch
            {
                null => null,
                "" => [],
                var one => [one],
            };
        }

        var list = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item.Value is null)
            {
                Report(item.Path, ConfigurationCodes.WrongType, $"expected {expected}, found a section");
            }
            else
            {
                list.Add(item.Value);
            }
        }

        return list;
    }

    /// <summary>The children of an array section, in index order.</summary>
    public static IEnumerable<IConfigurationSection> Items(IConfigurationSection section) =>
        section.GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue);

    internal static bool IsCultureName(string name)
    {
        if (name.Length is < 2 or > 20 || name == LocalizedText.AnyCulture)
        {
            return false;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return !string.IsNullOrEmpty(culture.Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
