using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Schema;
using W = Optin.Forms.Schema.DataProtectionWords;

namespace Optin.Forms.Consent;

/// <summary>
/// A record of processing activities (GDPR Art. 30) generated from the configuration (ROPA-1, ROPA-2), as JSON
/// (versioned schema) and Markdown: one activity per consent purpose and one per form that declares its own processing,
/// each with every item of Art. 30(1), then the records the library itself keeps.
/// </summary>
/// <remarks>
/// Recipients come from the configuration: the processing's declared recipients, rules that mail a fixed address,
/// webhook hosts, actions added by the host (named, for the controller to complete) and the mail transport. A form that
/// declares a processing files its fields under it; its consent purposes get only the email address. Headings and fixed
/// wording are French or English (other cultures get English).
/// </remarks>
public sealed partial class RecordOfProcessing
{
    /// <summary>The JSON schema version.</summary>
    public const string SchemaVersion = "optin-forms/ropa/2";

    private RecordOfProcessing(Instant generatedAt, string culture, DataProtectionDefinition dataProtection,
        ImmutableArray<ProcessingActivity> activities, ImmutableArray<KeptRecord> keptRecords)
    {
        GeneratedAt = generatedAt;
        Culture = culture;
        Controller = dataProtection.Controller;
        ControllerContact = dataProtection.ControllerContact;
        Dpo = dataProtection.Dpo;
        SupervisoryAuthority = dataProtection.SupervisoryAuthority;
        Activities = activities;
        KeptRecords = keptRecords;
    }

    /// <summary>When the record was generated.</summary>
    public Instant GeneratedAt { get; }

    /// <summary>The culture of the headings and fixed wording: <c>fr</c> or <c>en</c>.</summary>
    public string Culture { get; }

    /// <summary>The controller (<c>OptinForms:DataProtection:Controller</c>).</summary>
    public string? Controller { get; }

    /// <summary>The controller's contact details.</summary>
    public string? ControllerContact { get; }

    /// <summary>The data protection officer.</summary>
    public string? Dpo { get; }

    /// <summary>The supervisory authority.</summary>
    public string SupervisoryAuthority { get; }

    /// <summary>One activity per consent purpose (by purpose id), then one per form processing (by form id).</summary>
    public ImmutableArray<ProcessingActivity> Activities { get; }

    /// <summary>The records the library itself keeps: consent proof, unconfirmed requests, suppression list, tombstones, job history.</summary>
    public ImmutableArray<KeptRecord> KeptRecords { get; }

    /// <summary>Generates the record from <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The compiled configuration.</param>
    /// <param name="generatedAt">When.</param>
    /// <param name="culture">The culture of the texts; the catalog's default culture when <see langword="null"/>.</param>
    public static RecordOfProcessing Generate(FormCatalog catalog, Instant generatedAt, string? culture = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        culture = string.IsNullOrWhiteSpace(culture) ? catalog.DefaultCulture : culture;
        var options = catalog.Source ?? new OptinFormsOptions();
        var dp = catalog.DataProtection;
        var recipients = new RecipientFinder(catalog, options, culture);
        var transfers = dp.Transfers.Get(culture, catalog.DefaultCulture) ?? W.Get(culture, "R.NoTransfers");
        var security = dp.SecurityMeasures.Get(culture, catalog.DefaultCulture) ?? W.Get(culture, "R.SecurityToComplete");
        var forms = catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();

        var activities = ImmutableArray.CreateBuilder<ProcessingActivity>();
        foreach (var purpose in catalog.Purposes.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var collecting = forms.Where(f => f.Consents.Contains(purpose)).ToList();
            // A form with its own processing files its fields there; the purpose needs only the address.
            var data = collecting.SelectMany(f => f.Processing is null ? f.Fields : [f.EmailField])
                .Where(f => f.Kind != FieldKind.Hidden).Select(Category)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Append(W.Get(culture, "R.ConsentProofData"));
            var text = purpose.GetText(culture, catalog.DefaultCulture);
            activities.Add(new ProcessingActivity
            {
                Kind = ProcessingActivityKind.ConsentPurpose,
                Id = purpose.Id,
                Purpose = text.Purpose,
                ConsentText = text.Consent,
                LegalBasis = LegalBasis.Consent,
                LegalBasisText = W.LegalBasis(culture, LegalBasis.Consent, null, record: true),
                Marketing = purpose.Marketing,
                Controller = purpose.Controller,
                ControllerContact = dp.ControllerContact,
                Dpo = dp.Dpo,
                PrivacyNotice = purpose.PrivacyNotice,
                DataSubjects = W.Get(culture, purpose.Marketing ? "R.SubjectsMarketing" : "R.SubjectsConsent"),
                DataCategories = [.. data],
                Forms = [.. collecting.Select(f => f.Id)],
                Recipients = [.. recipients.ForPurpose(purpose)],
                Transfers = transfers,
                Retention = purpose.Retention,
                RetentionText = purpose.Retention is { } r ? W.Format(culture, "R.RetentionPurpose", W.Duration(culture, r)) : W.Get(culture, "R.RetentionNone"),
                SecurityMeasures = security,
            });
        }

        foreach (var form in forms)
        {
            if (form.Processing is not { } processing)
            {
                continue;
            }

            var title = form.Title.Get(culture, catalog.DefaultCulture) ?? form.Id;
            activities.Add(new ProcessingActivity
            {
                Kind = ProcessingActivityKind.FormProcessing,
                Id = form.Id,
                Purpose = processing.Purpose.Get(culture, catalog.DefaultCulture) ?? string.Empty,
                LegalBasis = processing.LegalBasis,
                LegalBasisText = W.LegalBasis(culture, processing.LegalBasis, processing.LegitimateInterest.Get(culture, catalog.DefaultCulture), record: true),
                Controller = FormCatalogCompiler.ControllerOf(dp.Controller, form.Consents),
                ControllerContact = dp.ControllerContact,
                Dpo = dp.Dpo,
                PrivacyNotice = dp.PrivacyNoticeUrl,
                DataSubjects = processing.DataSubjects.Get(culture, catalog.DefaultCulture) ?? W.Format(culture, "R.SubjectsForm", title),
                DataCategories = [.. form.Fields.Where(f => f.Kind != FieldKind.Hidden).Select(Category).Order(StringComparer.Ordinal)
                    .Append(W.Get(culture, "R.SubmissionData"))],
                Forms = [form.Id],
                Recipients = [.. recipients.ForForm(form, processing.Recipients.Get(culture, catalog.DefaultCulture))],
                Transfers = transfers,
                Retention = processing.Retention,
                RetentionText = processing.Retention is { } r ? W.Format(culture, "R.RetentionForm", W.Duration(culture, r)) : W.Get(culture, "R.RetentionNone"),
                SecurityMeasures = security,
            });
        }

        return new RecordOfProcessing(generatedAt, W.WordsCulture(culture), dp, activities.ToImmutable(), KeptRecordsOf(options, culture));
    }

    private static string Category(FieldDefinition field) => $"{field.Name} ({field.Kind.ToString().ToLowerInvariant()})";

    private static ImmutableArray<KeptRecord> KeptRecordsOf(OptinFormsOptions options, string culture)
    {
        string D(TimeSpan t) => W.Duration(culture, Duration.FromTimeSpan(t));
        KeptRecord Kept(string id, TimeSpan? retention, string retentionText) =>
            new(id, W.Get(culture, "K." + id), W.Get(culture, $"K.{id}.Content"),
                retention is { } t ? Duration.FromTimeSpan(t) : null, retentionText);

        var retention = options.Retention;
        var doi = options.DoubleOptin;
        return
        [
            Kept("consentProof", null, retention.Archive
                ? W.Format(culture, "K.consentProof.Archive", D(retention.ArchivePeriod))
                : W.Get(culture, "K.consentProof.Retention")),
            Kept("unconfirmed", doi.DeleteUnconfirmedAfter, W.Format(culture, "K.unconfirmed.Retention", D(doi.DeleteUnconfirmedAfter))),
            Kept("suppression", doi.SuppressAfterErasure,
                W.Format(culture, "K.suppression.Retention", D(doi.SuppressAfterErasure), D(doi.SuppressAfterRejection))),
            Kept("tombstones", retention.Tombstones, W.Format(culture, "K.tombstones.Retention", D(retention.Tombstones))),
            Kept("jobs", retention.FinishedJobs, W.Format(culture, "K.jobs.Retention", D(retention.FinishedJobs))),
        ];
    }
}
