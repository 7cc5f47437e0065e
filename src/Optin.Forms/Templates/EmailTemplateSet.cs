using System.Collections.Immutable;

namespace Optin.Forms.Templates;

/// <summary>Every parsed template, by id and culture, with the usual culture fallback.</summary>
internal sealed class EmailTemplateSet(ImmutableDictionary<string, ImmutableDictionary<string, EmailTemplate>> templates, string defaultCulture)
{
    /// <summary>Every template, by id then culture (the back office's previews).</summary>
    public IEnumerable<EmailTemplate> All => templates.Values.SelectMany(byCulture => byCulture.Values)
        .OrderBy(t => t.Id, StringComparer.Ordinal).ThenBy(t => t.Culture, StringComparer.Ordinal);

    public bool Contains(string id) => templates.ContainsKey(id);

    /// <summary>Where <c>{% include %}</c> reads from: the template root (CFG-2); none for a set made without options.</summary>
    public TemplateRootFileProvider? Files { get; init; }

    /// <summary>Every template id.</summary>
    public IEnumerable<string> Ids => templates.Keys.Order(StringComparer.Ordinal);

    /// <summary>The cultures template <paramref name="id"/> is written in (<c>*</c>: one text for all).</summary>
    public IEnumerable<string> CulturesOf(string id) =>
        templates.TryGetValue(id, out var byCulture) ? byCulture.Keys.Order(StringComparer.Ordinal) : [];

    public bool IsMarketing(string id) => templates.TryGetValue(id, out var byCulture) && byCulture.Values.Any(t => t.Marketing);

    /// <summary>The template in <paramref name="culture"/>, its parent culture, the default culture, any culture, then the first.</summary>
    public EmailTemplate? Find(string id, string? culture)
    {
        if (!templates.TryGetValue(id, out var byCulture) || byCulture.IsEmpty)
        {
            return null;
        }

        var parent = culture?.Split('-')[0];
        foreach (var candidate in new[] { culture, parent, defaultCulture, defaultCulture.Split('-')[0], Schema.LocalizedText.AnyCulture, "en" })
        {
            if (candidate is not null && byCulture.TryGetValue(candidate, out var template))
            {
                return template;
            }
        }

        return byCulture.Values.OrderBy(t => t.Culture, StringComparer.Ordinal).First();
    }
}
