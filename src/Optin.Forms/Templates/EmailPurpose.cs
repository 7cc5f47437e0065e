using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>A purpose as a double opt-in email names it: <c>{% for p in Purposes %}{{ p.Consent }}{% endfor %}</c>.</summary>
/// <param name="Id">The purpose's id.</param>
/// <param name="Consent">The consent text shown next to its checkbox, in the email's culture.</param>
/// <param name="Text">The purpose text, in the email's culture.</param>
/// <param name="Controller">The controller the person agrees with, when the purpose names one.</param>
public sealed record EmailPurpose(string Id, string Consent, string Text, string? Controller)
{
    /// <summary>The members a template may read (SEC-4).</summary>
    internal static IReadOnlyList<string> Members { get; } = [nameof(Id), nameof(Consent), nameof(Text), nameof(Controller)];

    internal static EmailPurpose Of(PurposeDefinition purpose, string culture, string defaultCulture)
    {
        var text = purpose.GetText(culture, defaultCulture);
        return new(purpose.Id, text.Consent, text.Purpose, purpose.Controller);
    }
}
