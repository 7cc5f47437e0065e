using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>The compiled <see cref="ProcessingOptions"/> of a form: the processing of its own data.</summary>
public sealed class ProcessingDefinition
{
    internal ProcessingDefinition(LocalizedText purpose, LegalBasis legalBasis, LocalizedText legitimateInterest,
        LocalizedText recipients, Duration? retention, LocalizedText dataSubjects)
    {
        Purpose = purpose;
        LegalBasis = legalBasis;
        LegitimateInterest = legitimateInterest;
        Recipients = recipients;
        Retention = retention;
        DataSubjects = dataSubjects;
    }

    /// <summary>What the form's data is used for.</summary>
    public LocalizedText Purpose { get; }

    /// <summary>The legal basis.</summary>
    public LegalBasis LegalBasis { get; }

    /// <summary>The legitimate interest pursued; empty unless the basis is a legitimate interest.</summary>
    public LocalizedText LegitimateInterest { get; }

    /// <summary>Who receives the data; empty when not stated.</summary>
    public LocalizedText Recipients { get; }

    /// <summary>How long a submission's data is kept after it was sent.</summary>
    public Duration? Retention { get; }

    /// <summary>The categories of people concerned; empty when not stated.</summary>
    public LocalizedText DataSubjects { get; }
}
