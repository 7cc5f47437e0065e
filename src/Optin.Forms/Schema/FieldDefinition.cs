using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Optin.Forms.Schema;

/// <summary>A validated form field.</summary>
public sealed class FieldDefinition
{
    internal FieldDefinition(string name, FieldKind kind, bool required, int maxLength, Regex? pattern,
        LocalizedText label, ImmutableArray<FieldChoice> choices, string? value)
    {
        Name = name;
        Kind = kind;
        Required = required;
        MaxLength = maxLength;
        Pattern = pattern;
        Label = label;
        Choices = choices;
        Value = value;
    }

    /// <summary>The posted key and the HTML <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of input.</summary>
    public FieldKind Kind { get; }

    /// <summary>Whether a value is required.</summary>
    public bool Required { get; }

    /// <summary>The maximum length in characters (a kind's default when not configured).</summary>
    public int MaxLength { get; }

    /// <summary>The pattern the whole value must match, compiled with a timeout.</summary>
    public Regex? Pattern { get; }

    /// <summary>The label per culture (the field name where none is configured).</summary>
    public LocalizedText Label { get; }

    /// <summary>For choice fields (select, radio, checkbox group, multi-select), the allowed values.</summary>
    public ImmutableArray<FieldChoice> Choices { get; }

    /// <summary>For hidden fields, the rendered value.</summary>
    public string? Value { get; }

    /// <summary>For number and date fields, the smallest value or earliest date allowed, as configured (invariant culture, ISO date).</summary>
    public string? Min { get; internal init; }

    /// <summary>For number and date fields, the largest value or latest date allowed, as configured.</summary>
    public string? Max { get; internal init; }

    /// <summary>For checkbox groups and multi-selects, the most values one post may choose (the number of options by default).</summary>
    public int MaxChoices { get; internal init; }

    /// <summary>For phone fields, the region a number typed without <c>+</c> is read in (the field's, else the form's); none: <c>+</c> is required.</summary>
    public string? DefaultRegion { get; internal init; }

    /// <summary>
    /// When set, the field is shown only when the condition holds: otherwise it is not validated, not required, and its posted
    /// value is dropped (see <see cref="Submissions.FieldConditions"/>).
    /// </summary>
    public FieldCondition? ShowWhen { get; internal init; }

    /// <summary>Whether one post may choose several values (<see cref="FieldKind.CheckboxGroup"/>, <see cref="FieldKind.MultiSelect"/>), stored one per line.</summary>
    public bool IsMultiValued => Kind is FieldKind.CheckboxGroup or FieldKind.MultiSelect;

    /// <summary>Whether the values come from <see cref="Choices"/>.</summary>
    public bool HasChoices => Kind is FieldKind.Select or FieldKind.Radio or FieldKind.CheckboxGroup or FieldKind.MultiSelect;

    /// <summary>The separator of several values in one stored value: one value per line (option values hold no line break).</summary>
    public const char ValueSeparator = '\n';

    /// <summary>The values of a multi-valued field as stored (one per line); a single value otherwise.</summary>
    public static IReadOnlyList<string> SplitValues(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(ValueSeparator);

    internal decimal? NumberMin { get; init; }

    internal decimal? NumberMax { get; init; }

    internal NodaTime.LocalDate? DateMin { get; init; }

    internal NodaTime.LocalDate? DateMax { get; init; }

    /// <summary>The default maximum length of a kind.</summary>
    public static int DefaultMaxLength(FieldKind kind) => kind switch
    {
        FieldKind.Email => 254,
        FieldKind.TextArea => 4000,
        FieldKind.Phone => 32,
        FieldKind.Number => 32,
        FieldKind.Date => 10,
        FieldKind.Checkbox => 4,
        _ => 200,
    };
}
