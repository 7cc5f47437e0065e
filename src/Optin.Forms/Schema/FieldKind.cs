namespace Optin.Forms.Schema;

/// <summary>The kinds of form field.</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>An email address; a form has exactly one, which identifies the contact.</summary>
    Email,

    /// <summary>A telephone number: digits, spaces, and <c>+ . - ( )</c>.</summary>
    Phone,

    /// <summary>Several lines of text.</summary>
    TextArea,

    /// <summary>One value out of <see cref="FieldOptions.Options"/>.</summary>
    Select,

    /// <summary>A non-consent checkbox (for example "I am a professional"); posts <c>true</c> when ticked.</summary>
    Checkbox,

    /// <summary>A hidden value (for example a campaign code).</summary>
    Hidden,

    /// <summary>A decimal number, invariant culture.</summary>
    Number,

    /// <summary>A calendar date, ISO 8601 (<c>yyyy-MM-dd</c>).</summary>
    Date,
}
