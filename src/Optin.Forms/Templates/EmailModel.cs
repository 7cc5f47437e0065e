namespace Optin.Forms.Templates;

/// <summary>
/// What an email template can read. Only these members are exposed to Liquid (SEC-4); anything else renders empty.
/// </summary>
/// <remarks>
/// A double opt-in template may use only <see cref="ConfirmUrl"/>, <see cref="ExpiresInDays"/>, <see cref="Controller"/>,
/// <see cref="PurposeText"/>, <see cref="Purposes"/>, <see cref="SiteUrl"/> and <see cref="Culture"/>: nothing the visitor typed (DOI-6).
/// </remarks>
public sealed class EmailModel
{
    /// <summary>The names a double opt-in template may use (DOI-6).</summary>
    public static IReadOnlySet<string> NeutralMembers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(ConfirmUrl), nameof(ExpiresInDays), nameof(Controller), nameof(PurposeText), nameof(SiteUrl), nameof(Culture),
        nameof(Purposes),
    };

    /// <summary>Every member a template may use.</summary>
    public static IReadOnlyList<string> Members { get; } =
    [
        nameof(ConfirmUrl), nameof(ExpiresInDays), nameof(Controller), nameof(PurposeText), nameof(SiteUrl), nameof(Culture),
        nameof(UnsubscribeUrl), nameof(FormId), nameof(Email), nameof(Fields), nameof(Values), nameof(Consents), nameof(Purposes),
        nameof(PreferencesUrl),
    ];

    /// <summary>The confirmation link (double opt-in emails).</summary>
    public string? ConfirmUrl { get; init; }

    /// <summary>How many days the confirmation link works.</summary>
    public int ExpiresInDays { get; init; }

    /// <summary>The data controller.</summary>
    public string? Controller { get; init; }

    /// <summary>The purpose text of the purpose concerned, in the email's culture.</summary>
    public string? PurposeText { get; init; }

    /// <summary>The site's base URL.</summary>
    public string? SiteUrl { get; init; }

    /// <summary>The email's culture.</summary>
    public string? Culture { get; init; }

    /// <summary>The unsubscribe link (marketing emails, WD-1).</summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>
    /// The link to the person's preference page (marketing emails, #20): what they consented to, with a way to withdraw one
    /// purpose, all of them, or to object to direct marketing.
    /// </summary>
    public string? PreferencesUrl { get; init; }

    /// <summary>The form of the event, when there is one.</summary>
    public string? FormId { get; init; }

    /// <summary>The contact's address (owner notifications only; visitor-typed).</summary>
    public string? Email { get; init; }

    /// <summary>The contact's or submission's fields as a reader sees them (visitor-typed): a choice field gives its option's label in the email's culture.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>The same fields as posted: a choice field gives its option's value, where <see cref="Fields"/> gives its label.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>The purposes consented to on the submission.</summary>
    public IReadOnlyList<string> Consents { get; init; } = [];

    /// <summary>
    /// The purposes a double opt-in email confirms, each with its consent and purpose texts in the email's culture (one
    /// email, one link for every purpose ticked in one submission); empty in other emails.
    /// </summary>
    /// <remarks>Configured texts, never visitor-typed: a confirmation email may show them (DOI-6).</remarks>
    public IReadOnlyList<EmailPurpose> Purposes { get; init; } = [];
}
