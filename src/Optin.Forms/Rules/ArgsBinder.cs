using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>Binds an action's <c>Args</c> to its argument type by name, reporting every key that does not bind.</summary>
internal static class ArgsBinder
{
    /// <summary>Each argument type's settable properties and required ones, read by reflection once per type (jobs bind on every run).</summary>
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    public static object? Bind(Type type, IReadOnlyDictionary<string, string?> args, string path, List<ConfigurationProblem>? problems)
    {
        var target = Activator.CreateInstance(type)!;
        var (properties, required) = Shapes.GetOrAdd(type, static t =>
        {
            var settable = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
                .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            return new Shape(settable, [.. settable.Values.Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null)]);
        });
        var ok = true;
        foreach (var (key, text) in args)
        {
            if (!properties.TryGetValue(key, out var property))
            {
                ok = Report(problems, $"{path}:{key}", ConfigurationCodes.UnknownKey,
                    $"unknown argument '{key}'; expected one of: {string.Join(", ", properties.Keys)}");
                continue;
            }

            if (text is null)
            {
                continue;
            }

            if (TryConvert(text.Trim(), property.PropertyType, out var value))
            {
                property.SetValue(target, value);
            }
            else
            {
                ok = Report(problems, $"{path}:{key}", ConfigurationCodes.WrongType,
                    $"'{text}' does not convert to {(property.PropertyType == typeof(IReadOnlyList<string>) ? "a list of names"
                        : Nullable.GetUnderlyingType(property.PropertyType)?.Name ?? property.PropertyType.Name)}");
            }
        }

        foreach (var property in required)
        {
            if (!args.TryGetValue(property.Name, out var given) || string.IsNullOrWhiteSpace(given))
            {
                ok = Report(problems, $"{path}:{property.Name}", ConfigurationCodes.Missing, $"the argument '{property.Name}' is required");
            }
        }

        return ok ? target : null;
    }

    private static bool TryConvert(string text, Type type, out object? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (t == typeof(string))
        {
            value = text;
        }
        else if (t == typeof(bool) && bool.TryParse(text, out var b))
        {
            value = b;
        }
        else if (t == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            value = i;
        }
        else if (t == typeof(TimeSpan) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var d))
        {
            value = d;
        }
        else if (t == typeof(IReadOnlyList<string>))
        {
            // A JSON list arrives joined by commas (the configuration reader), as does a list given in C#.
            value = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        else if (t.IsEnum && !text.All(char.IsAsciiDigit) && Enum.TryParse(t, text, ignoreCase: true, out var e))
        {
            value = e;
        }

        return value is not null;
    }

    private sealed record Shape(Dictionary<string, PropertyInfo> Properties, PropertyInfo[] Required);

    private static bool Report(List<ConfigurationProblem>? problems, string path, string code, string message)
    {
        problems?.Add(new ConfigurationProblem(path, code, message));
        return false;
    }
}
