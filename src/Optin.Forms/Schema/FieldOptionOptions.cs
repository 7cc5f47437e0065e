namespace Optin.Forms.Schema;

/// <summary>One choice of a choice field (select, radio, checkbox group, multi-select).</summary>
public sealed class FieldOptionOptions
{
    /// <summary>The posted value.</summary>
    public string? Value { get; set; }

    /// <summary>The label per culture; the value is shown where a culture has none.</summary>
    public Dictionary<string, string> Label { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
