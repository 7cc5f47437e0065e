namespace Optin.Forms.Templates;

/// <summary>One way a template is sent: as what kind, by whom (for the message), for which forms, with which field names.</summary>
/// <param name="Kind">The kind, or null for an email template nothing sends yet.</param>
/// <param name="Sender">Who sends it, as a marketer reads it: <c>rule 'webinar-welcome'</c>.</param>
/// <param name="Forms">The forms whose fields the template sees.</param>
/// <param name="FieldNames">The names <c>Fields.x</c> may use, or null not to check them (the embedded defaults test for a field before showing it).</param>
/// <param name="EmailFields">The names of the forms' email fields (shown as <c>Email</c>, not in <c>Fields</c>).</param>
internal sealed record TemplateUse(TemplateKind? Kind, string Sender, IReadOnlyList<string> Forms, IReadOnlySet<string>? FieldNames,
    IReadOnlySet<string> EmailFields);
