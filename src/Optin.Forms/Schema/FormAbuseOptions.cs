namespace Optin.Forms.Schema;

/// <summary>A form's own abuse guards (<c>OptinForms:Forms:{formId}:Abuse</c>); the shared settings are in <c>OptinForms:Abuse</c>.</summary>
public sealed class FormAbuseOptions
{
    /// <summary>
    /// Whether a post must carry the solution of a proof-of-work challenge (ALTCHA-compatible) that a local script
    /// solves in the visitor's browser. Default <see langword="false"/>.
    /// </summary>
    /// <remarks>No puzzle, image, cookie or third party: the browser spends a second or so of work, the person does nothing.</remarks>
    public bool Challenge { get; set; }
}
