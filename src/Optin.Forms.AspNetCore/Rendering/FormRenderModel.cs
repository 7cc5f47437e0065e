using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>What one rendering of a form needs.</summary>
/// <param name="Form">The form.</param>
/// <param name="Catalog">The catalog snapshot the form comes from.</param>
/// <param name="Culture">The culture it is shown in; the same culture goes into the submission (CONS-7).</param>
/// <param name="Action">The URL the form posts to.</param>
/// <param name="Hidden">Hidden fields (antiforgery token, signed render time, culture, source).</param>
/// <param name="Values">Values to show again after a refused post; consents are never among them (CONS-1).</param>
/// <param name="Errors">Errors to show next to their fields.</param>
/// <param name="Notice">A message about the whole form (an expired page), shown as an alert above the fields.</param>
/// <param name="Challenge">The proof-of-work challenge, when the form asks for one.</param>
internal sealed record FormRenderModel(FormDefinition Form, FormCatalog Catalog, string Culture, string Action,
    IReadOnlyList<KeyValuePair<string, string>> Hidden, IReadOnlyDictionary<string, string> Values, IReadOnlyList<FieldError> Errors,
    string? Notice = null, FormChallenge? Challenge = null)
{
    /// <summary>The step shown, for a multi-step form; <see langword="null"/> shows every field at once.</summary>
    public FormStep? Step { get; init; }

    /// <summary>
    /// Fields of the step not drawn: their condition reads a field of an earlier step whose value leaves them hidden, and
    /// no script on this page could show them (the server drops what would be posted under their names anyway).
    /// </summary>
    public IReadOnlySet<string>? Omitted { get; init; }
}
