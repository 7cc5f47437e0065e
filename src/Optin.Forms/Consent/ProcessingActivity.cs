using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Schema;

namespace Optin.Forms.Consent;

/// <summary>
/// One processing activity of a record of processing, with each item of GDPR Art. 30(1): a consent purpose, or the
/// declared processing of a form's own data. Texts are in the record's culture.
/// </summary>
public sealed class ProcessingActivity
{
    internal ProcessingActivity()
    {
    }

    /// <summary>Whether this is a consent purpose or a form's own processing.</summary>
    public ProcessingActivityKind Kind { get; internal init; }

    /// <summary>The purpose id (consent purpose) or the form id (form processing).</summary>
    public string Id { get; internal init; } = string.Empty;

    /// <summary>The purpose id; <see langword="null"/> for a form processing.</summary>
    public string? PurposeId => Kind == ProcessingActivityKind.ConsentPurpose ? Id : null;

    /// <summary>The purpose of the processing, as shown to people (Art. 30(1)(b)).</summary>
    public string Purpose { get; internal init; } = string.Empty;

    /// <summary>The consent text people agree to; <see langword="null"/> for a form processing.</summary>
    public string? ConsentText { get; internal init; }

    /// <summary>The legal basis (Art. 6(1)).</summary>
    public LegalBasis LegalBasis { get; internal init; }

    /// <summary>The legal basis in words, with the legitimate interest pursued where that is the basis.</summary>
    public string LegalBasisText { get; internal init; } = string.Empty;

    /// <summary>Whether it is direct marketing.</summary>
    public bool Marketing { get; internal init; }

    /// <summary>The controller's name (Art. 30(1)(a)).</summary>
    public string? Controller { get; internal init; }

    /// <summary>The controller's contact details (Art. 30(1)(a)).</summary>
    public string? ControllerContact { get; internal init; }

    /// <summary>The data protection officer (Art. 30(1)(a)).</summary>
    public string? Dpo { get; internal init; }

    /// <summary>The privacy notice.</summary>
    public string? PrivacyNotice { get; internal init; }

    /// <summary>The categories of data subjects (Art. 30(1)(c)).</summary>
    public string DataSubjects { get; internal init; } = string.Empty;

    /// <summary>The categories of personal data: the fields filed under this activity, and what is kept with them (Art. 30(1)(c)).</summary>
    public ImmutableArray<string> DataCategories { get; internal init; } = [];

    /// <summary>The forms that collect the data.</summary>
    public ImmutableArray<string> Forms { get; internal init; } = [];

    /// <summary>
    /// The recipients (Art. 30(1)(d)): those declared, then those the configuration reveals (rules that mail a fixed
    /// address, webhook hosts, other actions) and the mail transport.
    /// </summary>
    public ImmutableArray<string> Recipients { get; internal init; } = [];

    /// <summary>Transfers to a third country and their safeguards (Art. 30(1)(e)).</summary>
    public string Transfers { get; internal init; } = string.Empty;

    /// <summary>How long the data is kept, or <see langword="null"/> when not configured (Art. 30(1)(f)).</summary>
    public Duration? Retention { get; internal init; }

    /// <summary>The retention in words.</summary>
    public string RetentionText { get; internal init; } = string.Empty;

    /// <summary>The technical and organisational security measures (Art. 30(1)(g)).</summary>
    public string SecurityMeasures { get; internal init; } = string.Empty;
}
