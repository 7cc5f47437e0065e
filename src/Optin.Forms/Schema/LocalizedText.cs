using System.Collections.Immutable;
using System.Globalization;

namespace Optin.Forms.Schema;

/// <summary>An immutable text in several cultures, with a predictable fallback.</summary>
public sealed class LocalizedText
{
    /// <summary>The key under which a text given as a plain string (for every culture) is kept.</summary>
    public const string AnyCulture = "*";

    /// <summary>An empty text.</summary>
    public static LocalizedText Empty { get; } = new(ImmutableDictionary<string, string>.Empty);

    private readonly ImmutableDictionary<string, string> _values;

    private LocalizedText(ImmutableDictionary<string, string> values) => _values = values;

    /// <summary>The cultures the text is written in (<c>*</c> stands for a text given for every culture).</summary>
    public IEnumerable<string> Cultures => _values.Keys;

    /// <summary>Whether no culture has a text.</summary>
    public bool IsEmpty => _values.IsEmpty;

    /// <summary>Creates a text from culture → value pairs.</summary>
    public static LocalizedText From(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(values.Where(v => !string.IsNullOrEmpty(v.Value))
            .ToImmutableDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The text for <paramref name="culture"/>: the exact culture, then its parents (<c>fr-CA</c> → <c>fr</c>),
    /// then the text for every culture, then <paramref name="defaultCulture"/>, then any; <see langword="null"/> when empty.
    /// </summary>
    public string? Get(string? culture, string? defaultCulture = null)
    {
        foreach (var candidate in CultureFallback.Chain(culture).Append(AnyCulture).Concat(CultureFallback.Chain(defaultCulture)))
        {
            if (_values.TryGetValue(candidate, out var value))
            {
                return value;
            }
        }

        return _values.Values.FirstOrDefault();
    }


    /// <summary>Returns the text in the invariant culture's fallback order, for diagnostics.</summary>
    public override string ToString() => Get(CultureInfo.InvariantCulture.Name) ?? string.Empty;
}
