using System.Collections.Immutable;

namespace Optin.Forms.Rules;

/// <summary>Look-ups in an event's purpose ids that run on every event (a loop: no boxed array or enumerator per call).</summary>
internal static class ConsentIds
{
    /// <summary>Whether <paramref name="ids"/> holds <paramref name="id"/> (ordinal, ignoring case).</summary>
    public static bool Contains(ImmutableArray<string> ids, string id)
    {
        foreach (var candidate in ids)
        {
            if (string.Equals(candidate, id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
