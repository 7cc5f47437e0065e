using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>A validated processing purpose: what one consent checkbox stands for.</summary>
public sealed class PurposeDefinition
{
    internal PurposeDefinition(string id, bool marketing, Duration? retention, string? controller, string? privacyNotice,
        ImmutableDictionary<string, PurposeText> texts)
    {
        Id = id;
        Marketing = marketing;
        Retention = retention;
        Controller = controller;
        PrivacyNotice = privacyNotice;
        Texts = texts;
    }

    /// <summary>The purpose id, for example <c>newsletter</c>; the checkbox is named <c>consent.{Id}</c>.</summary>
    public string Id { get; }

    /// <summary>Whether the purpose is direct marketing (objection blocks it, WD-6).</summary>
    public bool Marketing { get; }

    /// <summary>How long data lives after the last active contact; required for marketing purposes.</summary>
    public Duration? Retention { get; }

    /// <summary>The data controller named in consent events.</summary>
    public string? Controller { get; }

    /// <summary>The privacy notice reference shown beside the checkbox and stored in consent events.</summary>
    public string? PrivacyNotice { get; }

    /// <summary>The texts per culture.</summary>
    public ImmutableDictionary<string, PurposeText> Texts { get; }

    /// <summary>The name of the purpose's checkbox in HTML and in posted values.</summary>
    public string FieldName => "consent." + Id;

    /// <summary>The texts for <paramref name="culture"/> with the usual fallback (parent culture, then the default).</summary>
    public PurposeText GetText(string? culture, string defaultCulture)
    {
        // The culture itself is the first candidate: found, no fallback list is built (this runs on every post).
        if (!string.IsNullOrEmpty(culture) && Texts.TryGetValue(culture, out var exact))
        {
            return exact;
        }

        foreach (var candidate in CultureFallback.Candidates(culture, defaultCulture))
        {
            if (Texts.TryGetValue(candidate, out var text))
            {
                return text;
            }
        }

        return Texts.Values.OrderBy(t => t.Culture, StringComparer.Ordinal).First();
    }

    /// <summary>The version of the purpose's texts in <paramref name="culture"/>.</summary>
    public string GetVersion(string? culture, string defaultCulture) => GetText(culture, defaultCulture).Version;
}
