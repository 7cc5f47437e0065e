using System.Collections.Immutable;

namespace Optin.Forms.Schema;

/// <summary>A validated <see cref="FieldConditionOptions"/>: the field is shown only when <see cref="Field"/> has one of <see cref="Values"/>.</summary>
public sealed class FieldCondition
{
    internal FieldCondition(string field, ImmutableArray<string> values)
    {
        Field = field;
        Values = values;
    }

    /// <summary>The name of the field read; it comes earlier in the form, and its own condition (if any) must hold too.</summary>
    public string Field { get; }

    /// <summary>The values that show the field, compared ordinally with each posted value (trimmed).</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>
    /// Whether <paramref name="posted"/> (every value posted under <see cref="Field"/>) meets the condition: one of them,
    /// trimmed, is among <see cref="Values"/>; for a checkbox group or a multi-select, one of the chosen values is.
    /// </summary>
    public bool IsMetBy(IReadOnlyList<string?> posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        for (var i = 0; i < posted.Count; i++)
        {
            if (posted[i] is { } value && Values.Contains(value.Trim(), StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
