namespace Optin.Forms.Schema;

/// <summary>A form (<c>OptinForms:Forms:{formId}</c>): its fields, its consent checkboxes and where it leads.</summary>
public sealed class FormOptions
{
    /// <summary>The form's title per culture.</summary>
    public Dictionary<string, string> Title { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The fields, in display order.</summary>
    public List<FieldOptions> Fields { get; set; } = [];

    /// <summary>The consent checkboxes, one purpose each, in display order.</summary>
    public List<ConsentOptions> Consents { get; set; } = [];

    /// <summary>Local path (or allow-listed URL) the visitor is sent to after a successful post.</summary>
    public string? SuccessPage { get; set; }

    /// <summary>Whether consents given on this form wait for a double opt-in confirmation. Default <see langword="true"/>.</summary>
    public bool DoubleOptin { get; set; } = true;

    /// <summary>The kind of record a new address becomes. Default <see cref="Contacts.ContactKind.Lead"/>.</summary>
    public Contacts.ContactKind ContactKind { get; set; } = Contacts.ContactKind.Lead;

    /// <summary>The processing of the form's own data, apart from its consent purposes (GDPR Art. 6, 13, 30).</summary>
    public ProcessingOptions? Processing { get; set; }

    /// <summary>The form's own abuse guards (the proof-of-work challenge).</summary>
    public FormAbuseOptions Abuse { get; set; } = new();

    /// <summary>
    /// The region (ISO 3166-1 alpha-2, e.g. <c>FR</c>) that the form's <see cref="FieldKind.Phone"/> fields read a number
    /// typed without <c>+</c> in, unless a field sets its own <see cref="FieldOptions.DefaultRegion"/>.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>
    /// The steps of a multi-step form, in order; empty (the default) for a one-page form. Each field is on exactly one step;
    /// the consent boxes are on the step that sets <see cref="FormStepOptions.Consents"/>, or on the last.
    /// </summary>
    public List<FormStepOptions> Steps { get; set; } = [];
}
