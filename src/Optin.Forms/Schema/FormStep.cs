using System.Collections.Immutable;

namespace Optin.Forms.Schema;

/// <summary>A validated step of a multi-step form.</summary>
public sealed class FormStep
{
    internal FormStep(int index, LocalizedText title, ImmutableArray<FieldDefinition> fields, bool consents, bool last)
    {
        Index = index;
        Title = title;
        Fields = fields;
        HasConsents = consents;
        IsLast = last;
    }

    /// <summary>The step's position, from 0.</summary>
    public int Index { get; }

    /// <summary>The step's number as people read it, from 1.</summary>
    public int Number => Index + 1;

    /// <summary>The title per culture (may be empty).</summary>
    public LocalizedText Title { get; }

    /// <summary>The fields the step shows, in display order.</summary>
    public ImmutableArray<FieldDefinition> Fields { get; }

    /// <summary>Whether the form's consent boxes sit on this step.</summary>
    public bool HasConsents { get; }

    /// <summary>Whether this is the last step, the one whose post submits the form.</summary>
    public bool IsLast { get; }

    /// <summary>Whether the step shows the field (or consent box) posted under <paramref name="name"/> of <paramref name="form"/>.</summary>
    public bool Holds(FormDefinition form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Fields.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal))
            || (HasConsents && form.Consents.Any(p => string.Equals(p.FieldName, name, StringComparison.Ordinal)));
    }
}
