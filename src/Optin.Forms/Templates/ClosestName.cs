namespace Optin.Forms.Templates;

/// <summary>The closest known name to a misspelt one, for "did you mean" hints; none when nothing is close.</summary>
internal static class ClosestName
{
    /// <summary>The candidate within a third of the name's length in edits (case differences cost nothing), or null.</summary>
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        var best = candidates
            .Select(c => (Name: c, Distance: string.Equals(c, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, name.Length / 3) ? best.Name : null;
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
