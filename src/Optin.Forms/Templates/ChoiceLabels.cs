using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// Shows a choice field as a reader reads it: the option's label in the email's culture ("Informatique", not "it"). The
/// posted values stay available to templates as <see cref="EmailModel.Values"/>.
/// </summary>
internal static class ChoiceLabels
{
    /// <summary>
    /// <paramref name="values"/> with each choice field's value replaced by its label; the field is looked up in the
    /// event's form, or in any form when the event has none. A value no option has stays as it is.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> values, FormCatalog catalog, string? formId, string culture)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(catalog);
        var form = formId is null ? null : catalog.FindForm(formId);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            var field = form is not null ? form.FindField(name)
                : catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => f.FindField(name))
                    .FirstOrDefault(f => f is not null && !f.Choices.IsDefaultOrEmpty);
            var choice = field is null || field.Choices.IsDefaultOrEmpty ? null
                : field.Choices.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.Ordinal));
            shown[name] = choice?.Label.Get(culture, catalog.DefaultCulture) is { Length: > 0 } label ? label : value;
        }

        return shown;
    }
}
