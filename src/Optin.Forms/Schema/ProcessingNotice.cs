using System.Collections.Immutable;

namespace Optin.Forms.Schema;

/// <summary>
/// The information notice (GDPR Art. 13) of a form's own processing, in one culture: controller and contact, DPO,
/// purpose, legal basis (and the interest pursued), recipients, retention, the person's rights and the right to complain
/// to the supervisory authority, and the privacy notice. Shown beside the form's fields, apart from the consent boxes,
/// which carry their own purpose texts (PROC-1).
/// </summary>
/// <remarks>The fixed wording exists in French and English; other cultures get the English words, and the configured
/// texts (purpose, recipients) in their own culture where they have one.</remarks>
public sealed class ProcessingNotice
{
    private ProcessingNotice(string culture, string heading, ImmutableArray<ProcessingNoticeItem> items, string? privacyNoticeUrl,
        string privacyNoticeLabel)
    {
        Culture = culture;
        Heading = heading;
        Items = items;
        PrivacyNoticeUrl = privacyNoticeUrl;
        PrivacyNoticeLabel = privacyNoticeLabel;
    }

    /// <summary>The culture of the fixed wording: <c>fr</c> or <c>en</c>.</summary>
    public string Culture { get; }

    /// <summary>The heading ("How your data is used").</summary>
    public string Heading { get; }

    /// <summary>The lines of the notice, in order.</summary>
    public ImmutableArray<ProcessingNoticeItem> Items { get; }

    /// <summary>The privacy notice link, when configured.</summary>
    public string? PrivacyNoticeUrl { get; }

    /// <summary>The privacy notice link's text.</summary>
    public string PrivacyNoticeLabel { get; }

    /// <summary>
    /// The notice of <paramref name="form"/> in <paramref name="culture"/>; <see langword="null"/> when the form declares no
    /// processing (its data serves its consent purposes alone, whose texts stand beside each box).
    /// </summary>
    public static ProcessingNotice? For(FormCatalog catalog, FormDefinition form, string? culture)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(form);
        if (form.Processing is not { } processing)
        {
            return null;
        }

        var dp = catalog.DataProtection;
        var fallback = catalog.DefaultCulture;
        var items = ImmutableArray.CreateBuilder<ProcessingNoticeItem>();
        void Add(string key, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                items.Add(new ProcessingNoticeItem(key, DataProtectionWords.Get(culture, key), text));
            }
        }

        var controller = FormCatalogCompiler.ControllerOf(dp.Controller, form.Consents);
        Add("controller", controller);
        if (dp.ControllerContact is { } contact && !string.Equals(contact, controller, StringComparison.Ordinal))
        {
            Add("contact", contact);
        }

        Add("dpo", dp.Dpo);
        Add("purpose", processing.Purpose.Get(culture, fallback));
        Add("legalBasis", DataProtectionWords.LegalBasis(culture, processing.LegalBasis,
            processing.LegitimateInterest.Get(culture, fallback), record: false));
        Add("recipients", processing.Recipients.Get(culture, fallback) ?? DataProtectionWords.Get(culture, "NoRecipients"));
        if (processing.Retention is { } retention)
        {
            Add("retention", DataProtectionWords.Format(culture, "RetentionFromSubmission", DataProtectionWords.Duration(culture, retention)));
        }

        var rights = DataProtectionWords.Get(culture, "RightsIntro");
        if (processing.LegalBasis == LegalBasis.LegitimateInterest)
        {
            rights += DataProtectionWords.Get(culture, "RightsObject");
        }

        if (processing.LegalBasis is LegalBasis.Contract or LegalBasis.Consent)
        {
            rights += DataProtectionWords.Get(culture, "RightsPortability");
        }

        var writeTo = dp.Dpo ?? dp.ControllerContact;
        rights += writeTo is null ? DataProtectionWords.Get(culture, "RightsEnd") : DataProtectionWords.Format(culture, "RightsContact", writeTo);
        Add("rights", rights);
        Add("complaint", DataProtectionWords.Format(culture, "Complaint", dp.SupervisoryAuthority));
        return new ProcessingNotice(DataProtectionWords.WordsCulture(culture), DataProtectionWords.Get(culture, "NoticeHeading"),
            items.ToImmutable(), dp.PrivacyNoticeUrl, DataProtectionWords.Get(culture, "PrivacyNotice"));
    }
}
