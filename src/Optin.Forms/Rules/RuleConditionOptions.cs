using Optin.Forms.Contacts;

namespace Optin.Forms.Rules;

/// <summary>
/// Typed conditions, never code (<c>"If": { "ConsentGiven": "newsletter" }</c>). Every condition set must hold;
/// <see cref="All"/> and <see cref="Any"/> nest.
/// </summary>
public sealed class RuleConditionOptions
{
    /// <summary>The event's form is this one.</summary>
    public string? FormIs { get; set; }

    /// <summary>The submission was posted from this landing page (its slug).</summary>
    public string? LandingPageIs { get; set; }

    /// <summary>
    /// The submission was posted from this A/B variant (its id): of the page <see cref="LandingPageIs"/> names when given
    /// beside it, else of any landing page.
    /// </summary>
    public string? VariantIs { get; set; }

    /// <summary>
    /// The visit came from this source: its <c>utm_source</c> (case-insensitive) or, for a visit without one, the host of
    /// the referring page (that host or one of its subdomains: <c>example.org</c> matches <c>www.example.org</c>).
    /// </summary>
    public string? SourceIs { get; set; }

    /// <summary>Fields (by name) equal these values (ordinal).</summary>
    public Dictionary<string, string> FieldEquals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fields (by name) match these regular expressions (evaluated with a timeout).</summary>
    public Dictionary<string, string> FieldMatches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>These fields are empty or absent.</summary>
    public List<string> FieldIsEmpty { get; set; } = [];

    /// <summary>The submission gave consent for this purpose.</summary>
    public string? ConsentGiven { get; set; }

    /// <summary>The event is about this purpose (confirmation, withdrawal, expiry, opt-in change).</summary>
    public string? Purpose { get; set; }

    /// <summary>The contact's opt-in state per purpose is this one.</summary>
    public Dictionary<string, OptinState> OptinState { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The contact is of this kind.</summary>
    public ContactKind? ContactKind { get; set; }

    /// <summary>The event's culture is this one (or a culture of this language).</summary>
    public string? Culture { get; set; }

    /// <summary>All of these hold.</summary>
    public List<RuleConditionOptions> All { get; set; } = [];

    /// <summary>At least one of these holds.</summary>
    public List<RuleConditionOptions> Any { get; set; } = [];

    /// <summary>Conditions the host added with <c>AddCondition&lt;T&gt;()</c>, by name, with their arguments.</summary>
    public Dictionary<string, Dictionary<string, string?>> Custom { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
