namespace Optin.Forms.Schema;

/// <summary>The kinds of form field.</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>An email address; a form has exactly one, which identifies the contact.</summary>
    Email,

    /// <summary>
    /// A telephone number: digits, spaces, and <c>+ . - ( )</c>, checked against the numbering plan and stored in E.164
    /// (<c>+33612345678</c>); a number without <c>+</c> is read in <see cref="FieldOptions.DefaultRegion"/>.
    /// </summary>
    Phone,

    /// <summary>Several lines of text.</summary>
    TextArea,

    /// <summary>One value out of <see cref="FieldOptions.Options"/>.</summary>
    Select,

    /// <summary>A non-consent checkbox (for example "I am a professional"); posts <c>true</c> when ticked.</summary>
    Checkbox,

    /// <summary>A hidden value (for example a campaign code).</summary>
    Hidden,

    /// <summary>A decimal number, invariant culture, optionally between <see cref="FieldOptions.Min"/> and <see cref="FieldOptions.Max"/>.</summary>
    Number,

    /// <summary>A calendar date, ISO 8601 (<c>yyyy-MM-dd</c>), optionally between <see cref="FieldOptions.Min"/> and <see cref="FieldOptions.Max"/>.</summary>
    Date,

    /// <summary>One value out of <see cref="FieldOptions.Options"/>, shown as radio buttons in a fieldset.</summary>
    Radio,

    /// <summary>
    /// Any number of values out of <see cref="FieldOptions.Options"/>, shown as checkboxes in a fieldset; stored one value per
    /// line. It never carries consent: consent boxes are declared under the form's <c>Consents</c>, one per purpose.
    /// </summary>
    CheckboxGroup,

    /// <summary>Any number of values out of <see cref="FieldOptions.Options"/>, shown as a <c>select multiple</c>; stored one value per line.</summary>
    MultiSelect,
}
