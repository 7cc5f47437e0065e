namespace Optin.Forms.Schema;

/// <summary>
/// A consent checkbox on a form. In JSON it is either the purpose id (<c>"newsletter"</c>) or an object
/// (<c>{ "Purpose": "newsletter" }</c>).
/// </summary>
public sealed class ConsentOptions
{
    /// <summary>The purpose this checkbox stands for.</summary>
    public string? Purpose { get; set; }

    /// <summary>
    /// Purposes listed for one checkbox. Present only so that configuration binding several purposes to one
    /// checkbox is caught and refused (CONS-4).
    /// </summary>
    public List<string>? Purposes { get; set; }

    /// <summary>
    /// Present only so that configuration that pre-checks a checkbox is caught and refused (CONS-1, CONS-2);
    /// <see langword="true"/> never loads.
    /// </summary>
    public bool Checked { get; set; }
}
