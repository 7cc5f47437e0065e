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

    /// <summary>
    /// For <see cref="FieldKind.Select"/>, <see cref="FieldKind.Radio"/>, <see cref="FieldKind.CheckboxGroup"/> and
    /// <see cref="FieldKind.MultiSelect"/>: the allowed values with their labels per culture.
    /// </summary>
    public List<FieldOptionOptions> Options { get; set; } = [];

    /// <summary>For <see cref="FieldKind.Hidden"/>: the value rendered into the form.</summary>
    public string? Value { get; set; }

    /// <summary>
    /// For <see cref="FieldKind.Number"/>, the smallest value allowed (invariant culture, e.g. <c>1</c> or <c>0.5</c>); for
    /// <see cref="FieldKind.Date"/>, the earliest date (<c>yyyy-MM-dd</c>). Rendered as the input's <c>min</c> and enforced on the server.
    /// </summary>
    public string? Min { get; set; }

    /// <summary>For <see cref="FieldKind.Number"/>, the largest value allowed; for <see cref="FieldKind.Date"/>, the latest date.</summary>
    public string? Max { get; set; }

    /// <summary>
    /// For <see cref="FieldKind.CheckboxGroup"/> and <see cref="FieldKind.MultiSelect"/>: the most values one post may
    /// choose. Default: the number of options.
    /// </summary>
    public int? MaxChoices { get; set; }

    /// <summary>
    /// For <see cref="FieldKind.Phone"/>: the region (ISO 3166-1 alpha-2, e.g. <c>FR</c>) a number typed without <c>+</c> is
    /// read in. Default: the form's <see cref="FormOptions.DefaultRegion"/>; with neither, a number must start with <c>+</c>.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>
    /// Shows the field (and so requires it, when <see cref="Required"/>) only when another, earlier field has a given value;
    /// see <see cref="FieldConditionOptions"/>. Not for the form's email field; consent boxes are never conditional.
    /// </summary>
    public FieldConditionOptions? ShowWhen { get; set; }
}
