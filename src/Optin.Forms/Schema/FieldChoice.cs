namespace Optin.Forms.Schema;

/// <summary>One allowed value of a choice field (select, radio, checkbox group, multi-select).</summary>
/// <param name="Value">The posted value.</param>
/// <param name="Label">The label per culture.</param>
public sealed record FieldChoice(string Value, LocalizedText Label);
