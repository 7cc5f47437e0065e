namespace Optin.Forms.Submissions;

/// <summary>
/// The posted name/value pairs, looked up by name (ordinal): a scan for the usual handful of pairs, a dictionary built
/// once for larger posts.
/// </summary>
internal sealed class PostedValues
{
    /// <summary>Up to this many pairs, a scan per lookup costs less than building a dictionary.</summary>
    private const int ScanLimit = 32;

    private readonly IReadOnlyList<KeyValuePair<string, string?>> _pairs;
    private readonly Dictionary<string, List<string?>>? _grouped;

    public PostedValues(IReadOnlyList<KeyValuePair<string, string?>>? pairs)
    {
        _pairs = pairs ?? [];
        if (_pairs.Count > ScanLimit)
        {
            _grouped = Group(_pairs);
        }
    }

    /// <summary>Every value posted under <paramref name="name"/>, in posted order.</summary>
    public IReadOnlyList<string?> Get(string name)
    {
        if (_grouped is not null)
        {
            return _grouped.GetValueOrDefault(name) ?? (IReadOnlyList<string?>)[];
        }

        var count = 0;
        string? first = null;
        List<string?>? all = null;
        for (var i = 0; i < _pairs.Count; i++)
        {
            var (key, value) = _pairs[i];
            if (key is null || !string.Equals(key, name, StringComparison.Ordinal))
            {
                continue;
            }

            if (count == 0)
            {
                first = value;
            }
            else
            {
                all ??= [first];
                all.Add(value);
            }

            count++;
        }

        return count switch
        {
            0 => [],
            1 => [first],
            _ => all!,
        };
    }

    /// <summary>CONS-3: one value, exactly <c>true</c>. Absent, empty, "on", "1", "yes ", or repeated: no consent.</summary>
    public bool IsExplicitTrue(string name)
    {
        if (_grouped is not null)
        {
            return _grouped.TryGetValue(name, out var values) && values.Count == 1 && string.Equals(values[0], "true", StringComparison.Ordinal);
        }

        var count = 0;
        string? only = null;
        for (var i = 0; i < _pairs.Count; i++)
        {
            var (key, value) = _pairs[i];
            if (key is not null && string.Equals(key, name, StringComparison.Ordinal))
            {
                only = value;
                count++;
            }
        }

        return count == 1 && string.Equals(only, "true", StringComparison.Ordinal);
    }

    private static Dictionary<string, List<string?>> Group(IReadOnlyList<KeyValuePair<string, string?>> pairs)
    {
        var grouped = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (key is null)
            {
                continue;
            }

            if (!grouped.TryGetValue(key, out var list))
            {
                grouped[key] = list = new List<string?>(1);
            }

            list.Add(value);
        }

        return grouped;
    }
}
