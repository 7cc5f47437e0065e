namespace Optin.Forms.Schema;

/// <summary>One line of a <see cref="ProcessingNotice"/>.</summary>
/// <param name="Key">A stable key: <c>controller</c>, <c>contact</c>, <c>dpo</c>, <c>purpose</c>, <c>legalBasis</c>,
/// <c>recipients</c>, <c>retention</c>, <c>rights</c> or <c>complaint</c>.</param>
/// <param name="Label">The label, in the notice's culture.</param>
/// <param name="Text">The text.</param>
public sealed record ProcessingNoticeItem(string Key, string Label, string Text);
