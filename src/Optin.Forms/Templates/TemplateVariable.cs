namespace Optin.Forms.Templates;

/// <summary>One variable a template can read: its name, what it holds, and the value <c>optin preview</c> shows for it.</summary>
/// <param name="Name">The name as written in Liquid, for example <c>ConfirmUrl</c>.</param>
/// <param name="Description">What it holds, for the reference (docs/templates.md).</param>
/// <param name="Sample">The preview's value; for <c>Fields</c> and <c>Values</c> the preview uses the form's fields.</param>
internal sealed record TemplateVariable(string Name, string Description, string Sample);
