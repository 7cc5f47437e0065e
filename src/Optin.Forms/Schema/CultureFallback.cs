namespace Optin.Forms.Schema;

/// <summary>
/// The one order in which Optin.Forms looks for a text in a culture: the culture, then each of its parents
/// (<c>zh-Hant-TW</c>, <c>zh-Hant</c>, <c>zh</c>), then the default culture and its parents; no name twice.
/// </summary>
public static class CultureFallback
{
    /// <summary>The names to try for <paramref name="culture"/>, then for <paramref name="defaultCulture"/>, in order.</summary>
    public static IEnumerable<string> Candidates(string? culture, string? defaultCulture)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Chain(culture).Concat(Chain(defaultCulture)))
        {
            if (seen.Add(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>A culture name and its parents, most specific first (empty for a null or empty name).</summary>
    public static IEnumerable<string> Chain(string? culture)
    {
        var name = culture;
        while (!string.IsNullOrEmpty(name))
        {
            yield return name;
            var dash = name.LastIndexOf('-');
            name = dash > 0 ? name[..dash] : null;
        }
    }
}
