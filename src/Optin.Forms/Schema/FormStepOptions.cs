namespace Optin.Forms.Schema;

/// <summary>
/// One step of a multi-step form (<c>OptinForms:Forms:{formId}:Steps:{n}</c>): the fields it shows, by name, and
/// whether the consent boxes sit on it.
/// </summary>
public sealed class FormStepOptions
{
    /// <summary>The step's title per culture, shown as "Step 2 of 3: {title}".</summary>
    public Dictionary<string, string> Title { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of the fields the step shows, in display order; each field of the form is on exactly one step.</summary>
    public List<string> Fields { get; set; } = [];

    /// <summary>
    /// Whether the form's consent boxes (with their texts) sit on this step. At most one step says so; when none does,
    /// they sit on the last step.
    /// </summary>
    public bool Consents { get; set; }
}
