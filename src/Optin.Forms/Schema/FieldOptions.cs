namespace Optin.Forms.Schema;

/// <summary>A form field (<c>OptinForms:Forms:{formId}:Fields:{index}</c>).</summary>
public sealed class FieldOptions
{
    /// <summary>The field's name: the posted key and the HTML <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The kind of input.</summary>
    public FieldKind Kind { get; set; } = FieldKind.Text;

    /// <summary>Whether a value is required.</summary>
    public bool Required { get; set; }

    /// <summary>Maximum length in characters; kinds have defaults (text 200, textarea 4000, email 254).</summary>
    public int? MaxLength { get; set; }

    /// <summary>A .NET regular expression the whole value must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>The label per culture.</summary>
    public Dictionary<string, string> Label { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For <see cref="FieldKind.Select"/>: the allowed values with their labels per culture.</summary>
    public List<FieldOptionOptions> Options { get; set; } = [];

    /// <summary>For <see cref="FieldKind.Hidden"/>: the value rendered into the form.</summary>
    public string? Value { get; set; }
}
