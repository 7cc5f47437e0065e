namespace Optin.Forms.Schema;

/// <summary>
/// The processing of a form's own data (<c>OptinForms:Forms:{id}:Processing</c>), apart from its consent purposes:
/// what the data is used for, on which legal basis, who receives it and for how long it is kept (GDPR Art. 13, 30).
/// </summary>
/// <remarks>Texts are either one string or an object of culture → text, like a form's title.</remarks>
public sealed class ProcessingOptions
{
    /// <summary>What the form's data is used for, per culture (for example "answering your quote request").</summary>
    public Dictionary<string, string> Purpose { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The legal basis (Art. 6(1)).</summary>
    public LegalBasis? LegalBasis { get; set; }

    /// <summary>The legitimate interest pursued, per culture; required when <see cref="LegalBasis"/> is
    /// <see cref="Schema.LegalBasis.LegitimateInterest"/> (Art. 13(1)(d)).</summary>
    public Dictionary<string, string> LegitimateInterest { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who receives the data, per culture (for example "our sales team"), Art. 13(1)(e).</summary>
    public Dictionary<string, string> Recipients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a submission's data is kept after it was sent (Art. 13(2)(a)).</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>The categories of people concerned, per culture (for example "prospects asking for a quote"), Art. 30(1)(c).</summary>
    public Dictionary<string, string> DataSubjects { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
