using Optin.Forms.Schema;

namespace Optin.Forms.Submissions;

/// <summary>
/// Decides which fields of a post are shown, from <see cref="FieldDefinition.ShowWhen"/> and every value posted in the
/// submission: a field is shown when it has no condition, or when the field its condition reads is shown and has one of
/// the condition's values. The server is the judge: what a script hid or showed in the browser does not matter.
/// </summary>
/// <remarks>
/// A condition reads an earlier field (checked at start), so one pass in form order settles a chain (C shown when B,
/// B shown when A): a hidden field never shows another, whatever was posted under its name.
/// </remarks>
public static class FieldConditions
{
    /// <summary>The names of the fields of <paramref name="form"/> that <paramref name="values"/> leave hidden; empty when every field is shown.</summary>
    /// <param name="form">The form.</param>
    /// <param name="values">Every pair posted in the submission (all steps of a multi-step form), repeated keys included.</param>
    public static IReadOnlySet<string> HiddenFields(FormDefinition form, IReadOnlyList<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(values);
        return Hidden(form, new PostedValues(values)) ?? (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The hidden fields' names, or null when none is (the usual form without conditions costs one scan).</summary>
    internal static HashSet<string>? Hidden(FormDefinition form, PostedValues posted)
    {
        HashSet<string>? hidden = null;
        var fields = form.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].ShowWhen is not { } condition)
            {
                continue;
            }

            if ((hidden is not null && hidden.Contains(condition.Field)) || !condition.IsMetBy(posted.Get(condition.Field)))
            {
                (hidden ??= new HashSet<string>(StringComparer.Ordinal)).Add(fields[i].Name);
            }
        }

        return hidden;
    }
}
