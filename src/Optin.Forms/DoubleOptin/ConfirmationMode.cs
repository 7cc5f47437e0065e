namespace Optin.Forms.DoubleOptin;

/// <summary>How the confirmation page confirms. Both only ever confirm on a POST (DOI-2: mail scanners fetch links).</summary>
public enum ConfirmationMode
{
    /// <summary>The page shows a button the person presses (the default).</summary>
    Button,

    /// <summary>The page posts its form by script when it loads, with the button as a fallback.</summary>
    AutoSubmit,
}
