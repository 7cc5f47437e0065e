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

    /// <summary>For select fields, the allowed values.</summary>
    public ImmutableArray<FieldChoice> Choices { get; }

    /// <summary>For hidden fields, the rendered value.</summary>
    public string? Value { get; }

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
