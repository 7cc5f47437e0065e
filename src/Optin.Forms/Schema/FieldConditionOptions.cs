namespace Optin.Forms.Schema;

/// <summary>
/// When a field is shown (<c>OptinForms:Forms:{formId}:Fields:{index}:ShowWhen</c>): only when another field has one of
/// the given values. In JSON, <c>{ "Field": "topic", "Equals": "quote" }</c> or <c>{ "Field": "topic", "In": ["quote", "demo"] }</c>.
/// </summary>
/// <remarks>
/// The server is the judge: a field whose condition is not met is not validated, its posted value is dropped (not
/// stored, not in evidence, exports or emails), and <see cref="FieldOptions.Required"/> applies only while it is shown.
/// </remarks>
public sealed class FieldConditionOptions
{
    /// <summary>The name of the field the condition reads; it must come earlier in the form.</summary>
    public string? Field { get; set; }

    /// <summary>The one value that shows the field (JSON key <c>Equals</c>); for a checkbox, <c>true</c> (ticked).</summary>
    public string? Value { get; set; }

    /// <summary>Several values, any of which shows the field (JSON key <c>In</c>); use either this or <see cref="Value"/>.</summary>
    public List<string>? In { get; set; }
}
